package io.backstop.sandbox.workload;

import java.time.Duration;

/**
 * The time constants of the simulation: how long a pod takes to start, how often a crash-looping
 * container restarts, how fast a leak grows relative to its profile, and how long the traffic
 * signals take to follow a change (a rollback's recovery).
 */
public record Timing(
    Duration podStartup, Duration crashCycle, double leakSpeedup, Duration recovery) {

  public Timing {
    requirePositive("podStartup", podStartup, true);
    requirePositive("crashCycle", crashCycle, false);
    requirePositive("recovery", recovery, false);
    if (!(leakSpeedup > 0)) {
      throw new IllegalArgumentException("leakSpeedup must be > 0, but was " + leakSpeedup);
    }
  }

  private static void requirePositive(String name, Duration value, boolean zeroOk) {
    if (value == null || value.isNegative() || (!zeroOk && value.isZero())) {
      throw new IllegalArgumentException(name + " must be a positive duration, but was " + value);
    }
  }
}
