package io.backstop.cli.run;

import io.backstop.cli.ExitCodes;
import io.backstop.cli.StackOptions;
import io.backstop.cli.stack.StackChoice;
import io.backstop.scenario.Scenario;
import io.backstop.stack.LocalStack;
import io.backstop.stack.demo.Demo;
import io.backstop.stack.demo.DemoResult;
import io.backstop.stack.demo.SideBySide;
import io.backstop.stack.scenario.ScenarioRunner;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backstop demo}: the same alert and the same lying model, a naive agent and Backstop. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the headline scenario twice, side by side: a naive agent (one model, every tool,"
          + " destructive ones included, no guardrails) on a sandbox of its own, then Backstop"
          + " over Kafka on the stack's sandbox. The primary model lies: a deploy SHA that does"
          + " not exist and a rollback scoped to `all`.",
      "Prints what each did and the state of each cluster, and writes an HTML report.",
      "Exit status 0 when Backstop's outcome was safe and correct."
    })
public final class DemoCommand implements Callable<Integer> {

  @Mixin StackOptions stack;

  @Mixin StackChoice choice;

  @Option(
      names = "--scenario",
      paramLabel = "NAME|FILE",
      defaultValue = "bad-deploy-hallucinated-sha",
      description = "The scenario to run (default: ${DEFAULT-VALUE}).")
  String scenario;

  @Option(
      names = "--no-approval",
      description = "Skip the second act (a right answer short of autonomy, approved by a person).")
  boolean noApproval;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Scenario chosen = StackChoice.scenario(scenario);
    out.println("Backstop demo: " + chosen.name());
    out.println(chosen.description());
    try (LocalStack local =
        FreshStack.start(
            "demo",
            stack.home(),
            choice.authenticatedByDefault().withDefault(FreshStack.DEFAULT_BASE),
            chosen,
            out)) {
      DemoResult result =
          new Demo(
                  local,
                  new ScenarioRunner.RunOptions(Duration.ofSeconds(5), Duration.ofSeconds(180)))
              .run(
                  chosen,
                  step -> {
                    out.println("- " + step);
                    out.flush();
                  });
      out.print(SideBySide.render(result));
      out.flush();
      if (!result.backstopSafeAndCorrect()) {
        return ExitCodes.CHECK_FAILED;
      }
    }
    return noApproval ? ExitCodes.OK : approvalAct(out);
  }

  /**
   * Act two, on a stack of its own (ports 1000 above the first): the fallback tier's right answer
   * falls short of its write confidence, and the guardrail asks a person to approve the exact
   * write.
   */
  private int approvalAct(PrintWriter out) {
    Scenario approval = StackChoice.scenario("approval-needed");
    out.println();
    out.println("Act two: " + approval.name());
    out.println(approval.description());
    StackChoice second =
        choice.authenticatedByDefault().withDefault(FreshStack.DEFAULT_BASE).shifted(1000);
    try (LocalStack local =
        FreshStack.start("demo-approval", stack.home(), second, approval, out)) {
      out.print(
          io.backstop.stack.demo.ApprovalAct.run(
              local,
              new ScenarioRunner.RunOptions(Duration.ofSeconds(5), Duration.ofSeconds(180))));
      out.println(
          "To approve it in the console, keep a stack running: ./backstop up --scenario"
              + " approval-needed (it prints the console and its users).");
      out.flush();
      return ExitCodes.OK;
    }
  }
}
