package io.backstop.cli.stack;

import io.backstop.cli.ExitCodes;
import io.backstop.cli.StackOptions;
import io.backstop.localkafka.BrokerLock;
import io.backstop.localkafka.StackHome;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code backstop down}: stops the stack that {@code backstop up} runs for this data directory,
 * found through its pid file, and waits until it has stopped cleanly.
 */
@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description = "Stop the local stack started by `backstop up` for this data directory.")
public final class DownCommand implements Callable<Integer> {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Mixin StackOptions stack;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    StackHome home = stack.home();
    Optional<BrokerLock> running = BrokerLock.running(home);
    if (running.isEmpty()) {
      out.println("Nothing is running for " + home.root() + ".");
      return ExitCodes.OK;
    }
    BrokerLock lock = running.get();
    out.println("Stopping the stack (pid " + lock.pid() + ", " + lock.bootstrapServers() + ") ...");
    out.flush();
    if (!lock.stop(WAIT)) {
      spec.commandLine()
          .getErr()
          .println(
              "backstop: pid " + lock.pid() + " did not stop within " + WAIT.toSeconds() + "s");
      return ExitCodes.FAILED;
    }
    out.println("Stopped.");
    return ExitCodes.OK;
  }
}
