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

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Scenario chosen = StackChoice.scenario(scenario);
    out.println("Backstop demo: " + chosen.name());
    out.println(chosen.description());
    try (LocalStack local =
        FreshStack.start(
            "demo", stack.home(), choice.withDefault(FreshStack.DEFAULT_BASE), chosen, out)) {
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
      return result.backstopSafeAndCorrect() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
  }
}
