package io.backstop.stack.services;

import java.util.concurrent.CountDownLatch;

/**
 * A program for {@link ServiceClassArchiveTest} to run in a JVM of its own, as a service JVM runs:
 * it says it is up, then waits to be stopped (SIGTERM), or with {@code exit} ends at once.
 */
public final class ArchiveProbeMain {

  private ArchiveProbeMain() {}

  public static void main(String[] args) throws InterruptedException {
    System.out.println("probe up");
    System.out.flush();
    if (args.length == 0 || !args[0].equals("exit")) {
      new CountDownLatch(1).await();
    }
  }
}
