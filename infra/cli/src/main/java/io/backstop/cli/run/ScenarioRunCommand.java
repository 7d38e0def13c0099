package io.backstop.cli.run;

import io.backstop.cli.ExitCodes;
import io.backstop.cli.StackOptions;
import io.backstop.cli.stack.StackChoice;
import io.backstop.events.codec.EventCodec;
import io.backstop.scenario.Scenario;
import io.backstop.scenario.ScenarioLoader;
import io.backstop.stack.LocalStack;
import io.backstop.stack.scenario.ScenarioResult;
import io.backstop.stack.scenario.ScenarioRunner;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code backstop scenario run FILE} prints one run's result as JSON; {@code --all} runs every
 * shipped scenario on one stack and prints a table. Exit status 0 when every run passed.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a scenario end to end through a fresh local stack: the alert through triage's"
          + " Alertmanager webhook, the incident followed on the audit log until the on-call is"
          + " paged and ticketed, the outcome judged against the scenario's `expected`.",
      "Prints the terminal outcome, the final cluster state, pages and tickets, every model call"
          + " and the time each stage took."
    })
public final class ScenarioRunCommand implements Callable<Integer> {

  static final class Which {
    @Parameters(paramLabel = "NAME|FILE", description = "A scenario file, or a shipped name.")
    String scenario;

    @Option(names = "--all", description = "Run every shipped scenario and print a table.")
    boolean all;
  }

  @ArgGroup(multiplicity = "1")
  Which which;

  @Mixin StackOptions stack;

  @Mixin StackChoice choice;

  @Option(
      names = "--alert-delay",
      defaultValue = "5s",
      paramLabel = "DURATION",
      description =
          "Longest wait before the alert fires, capping the scenario's `alert.after`"
              + " (default: ${DEFAULT-VALUE}).")
  String alertDelay;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Scenario> scenarios =
        which.all ? ScenarioLoader.shipped() : List.of(StackChoice.scenario(which.scenario));
    var options =
        new ScenarioRunner.RunOptions(
            Duration.parse("PT" + alertDelay.toUpperCase(Locale.ROOT)), Duration.ofSeconds(180));
    List<ScenarioResult> results = new ArrayList<>();
    for (Scenario scenario : scenarios) {
      out.println("Running " + scenario.name() + " on a fresh stack ...");
      out.flush();
      try (LocalStack local =
          FreshStack.start(
              "scenario-" + scenario.name(),
              stack.home(),
              choice.withDefault(FreshStack.DEFAULT_BASE),
              scenario,
              out)) {
        results.add(new ScenarioRunner(local, options).run());
      }
    }
    if (which.all) {
      table(out, results);
    } else {
      out.println(
          EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(results.get(0)));
    }
    out.flush();
    return results.stream().allMatch(ScenarioResult::passed)
        ? ExitCodes.OK
        : ExitCodes.CHECK_FAILED;
  }

  private static void table(PrintWriter out, List<ScenarioResult> results) {
    out.printf(
        "%n%-30s %-6s %-16s %-26s %6s %5s %8s %8s%n",
        "scenario", "pass", "outcome", "action / reason", "calls", "hits", "cost $", "time s");
    for (ScenarioResult r : results) {
      String what =
          r.action() != null
              ? r.action().type() + " " + r.action().deployment() + " " + r.action().status()
              : String.valueOf(r.escalationReason());
      out.printf(
          Locale.ROOT,
          "%-30s %-6s %-16s %-26s %6d %5d %8.4f %8.1f%n",
          r.scenario(),
          r.passed() ? "yes" : "NO",
          r.outcome(),
          what.length() > 26 ? what.substring(0, 26) : what,
          r.modelCalls().size(),
          r.guardrailHits(),
          r.costUsd(),
          r.totalMillis() / 1000.0);
      r.failures().forEach(f -> out.println("    " + f));
    }
    long passed = results.stream().filter(ScenarioResult::passed).count();
    out.printf("%d passed, %d failed%n", passed, results.size() - passed);
  }
}
