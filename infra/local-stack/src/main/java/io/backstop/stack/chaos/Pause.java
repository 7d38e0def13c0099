package io.backstop.stack.chaos;

import java.time.Duration;

/**
 * A wait between looks at the stack (a chaos run watches a live system; nothing here is a test).
 */
final class Pause {

  private Pause() {}

  static void of(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChaosException("interrupted");
    }
  }
}
