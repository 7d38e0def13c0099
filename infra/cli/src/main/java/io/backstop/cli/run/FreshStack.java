package io.backstop.cli.run;

import io.backstop.cli.stack.StackChoice;
import io.backstop.localkafka.StackHome;
import io.backstop.scenario.Scenario;
import io.backstop.stack.LocalStack;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A stack of its own for one command: under {@code <home>/runs/<command>-<time>}, so a run never
 * meets an earlier run's open incidents, and on ports of its own ({@code --port-base}, default
 * 17500), so it can run beside {@code backstop up}.
 */
final class FreshStack {

  static final int DEFAULT_BASE = 17500;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private FreshStack() {}

  static LocalStack start(
      String command, StackHome home, StackChoice choice, Scenario scenario, PrintWriter out) {
    Path dir =
        home.root().resolve("runs").resolve(command + "-" + TIME.format(java.time.Instant.now()));
    out.println("Starting a local stack in " + dir + " ...");
    out.flush();
    long started = System.nanoTime();
    LocalStack stack =
        LocalStack.start(
            choice.options(new StackHome(dir), scenario),
            step -> {
              out.println("  starting " + step);
              out.flush();
            });
    out.printf(
        "Stack ready in %.1f s (logs: %s).%n",
        (System.nanoTime() - started) / 1e9, stack.options().home().logs());
    out.flush();
    return stack;
  }
}
