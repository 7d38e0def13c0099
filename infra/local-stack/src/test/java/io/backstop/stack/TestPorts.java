package io.backstop.stack;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A port base whose every port is free right now, for tests that run a whole stack. Kept below the
 * ephemeral range (32768 and up), where outgoing client connections take their ports.
 *
 * <p>Stacks of this JVM may start at the same moment (the end-to-end suites run two at a time), so
 * a free check alone is not enough: a port free now may be the one a stack starting beside this one
 * is about to bind. Each call therefore takes the next of {@value #SLOTS} slots of {@value
 * #SLOT_WIDTH} ports, wider than a stack's span, in turn; a slot comes round again only after every
 * other slot has been handed out, long after the stack that had it has stopped.
 */
final class TestPorts {

  private static final int FIRST = 20000;
  private static final int SLOT_WIDTH = 1000;
  private static final int SLOTS = 12;
  private static final int JITTER = SLOT_WIDTH - 500;
  private static final AtomicInteger NEXT =
      new AtomicInteger(ThreadLocalRandom.current().nextInt(SLOTS));

  private TestPorts() {}

  static StackPorts freeBase() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int slot = Math.floorMod(NEXT.getAndIncrement(), SLOTS);
      StackPorts ports =
          new StackPorts(FIRST + slot * SLOT_WIDTH + ThreadLocalRandom.current().nextInt(JITTER));
      if (ports.all().values().stream().allMatch(StackPorts::free)) {
        return ports;
      }
    }
    throw new IllegalStateException("no free port range found");
  }
}
