package io.backstop.infra.pager;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Runs the pager inbox (a SIMULATOR of PagerDuty's Events API v2) on its own until the process is
 * stopped; a bad option is named with the usage and exit code 2.
 */
@Command(
    name = "pager-inbox",
    mixinStandardHelpOptions = true,
    version = "backstop pager inbox",
    description =
        "Accepts PagerDuty Events API v2 calls on loopback and keeps every event as a file, for"
            + " people and tests to read.")
public final class PagerInboxMain implements Callable<Integer> {

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "8091",
      description = "The loopback port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  private int port;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = "data/pager-inbox",
      description = "Where the events are kept (default: ${DEFAULT-VALUE}).")
  private Path dir;

  @Spec private CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new PagerInboxMain()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new ParameterException(
          spec.commandLine(), "--port must be between 0 and 65535, but was " + port);
    }
    PagerInbox pager = PagerInbox.start(port, dir);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  pager.close();
                  stopped.countDown();
                }));
    System.out.println("pager inbox listening on " + pager.url() + ", keeping events in " + dir);
    stopped.await();
    return 0;
  }
}
