package io.backstop.cli.chaos;

import io.backstop.cli.ExitCodes;
import io.backstop.cli.StackOptions;
import io.backstop.cli.stack.StackChoice;
import io.backstop.localkafka.StackHome;
import io.backstop.scenario.ScenarioLoader;
import io.backstop.stack.chaos.ChaosReport;
import io.backstop.stack.chaos.ChaosSuite;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code backstop chaos}: the chaos suite on stacks it starts itself, and its table of fault,
 * expectation, observation and whether it held. Exits 1 when any row did not hold.
 */
@Command(
    name = "chaos",
    mixinStandardHelpOptions = true,
    description = {
      "Run the chaos suite against real local stacks it starts itself and print the table:",
      "fault, expectation, what was observed, pass/FAIL. The full suite (default): poison records",
      "on every input topic, 5,000 hostile HTTP requests, forged approvals and breaker resets, the",
      "broker restarted mid-incident, replay floods; then, each on a stack of its own, the model",
      "gateway down and slow, a slow pager, an alert storm, and each service killed at three points",
      "of an incident (SIGKILL with --separate-processes). --ci runs the subset",
      "`mvn verify` runs (one stack). Takes several minutes; exits 1 if any row did not hold."
    })
public final class ChaosCommand implements Callable<Integer> {

  private static final int DEFAULT_BASE = 18500;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  @Option(names = "--ci", description = "Only the subset CI runs: one stack, about two minutes.")
  boolean ci;

  @Option(
      names = "--only",
      split = ",",
      paramLabel = "ACT",
      description =
          "Run only these acts, each on a stack of its own: one-stack, gateway-down, gateway-slow,"
              + " slow-pager, storm, kill-<service>-<point> (an unknown name lists them all).")
  java.util.List<String> only = new java.util.ArrayList<>();

  @Mixin StackOptions stack;

  @Mixin StackChoice choice;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = stack.home().root().resolve("runs").resolve("chaos-" + TIME.format(Instant.now()));
    io.backstop.stack.StackOptions base =
        choice
            .withDefault(DEFAULT_BASE)
            .options(
                new StackHome(dir),
                ScenarioLoader.loadResource(ChaosSuite.SCENARIO),
                io.backstop.stack.StackOptions.Prometheus.OFF);
    out.println("Chaos suite (" + (ci ? "CI subset" : "full") + ") in " + dir + " ...");
    out.flush();
    ChaosReport report =
        ChaosSuite.run(
            base,
            ci ? ChaosSuite.Scope.CI : ChaosSuite.Scope.FULL,
            java.util.Set.copyOf(only),
            step -> {
              out.println("  " + step);
              out.flush();
            });
    out.println();
    out.print(report.table());
    out.flush();
    return report.allHeld() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }
}
