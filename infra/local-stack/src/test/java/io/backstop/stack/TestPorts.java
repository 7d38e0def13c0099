package io.backstop.stack;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A port base whose every port is free right now, for tests that run a whole stack. Kept below the
 * ephemeral range (32768 and up), where outgoing client connections take their ports.
 */
final class TestPorts {

  private TestPorts() {}

  static StackPorts freeBase() {
    for (int attempt = 0; attempt < 50; attempt++) {
      StackPorts ports = new StackPorts(ThreadLocalRandom.current().nextInt(20000, 32000));
      if (ports.all().values().stream().allMatch(StackPorts::free)) {
        return ports;
      }
    }
    throw new IllegalStateException("no free port range found");
  }
}
