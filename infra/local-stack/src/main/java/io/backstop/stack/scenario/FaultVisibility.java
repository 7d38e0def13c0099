package io.backstop.stack.scenario;

import io.backstop.sandbox.workload.Timing;
import io.backstop.scenario.DeployedRevision;
import io.backstop.scenario.Fault;
import io.backstop.scenario.HealthProfile;
import io.backstop.scenario.Scenario;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a scenario's fault shows only in metrics. An error rate or saturation leaves every pod
 * running and ready, and so does a victim's share of a failing dependency: without Prometheus,
 * triage sees nothing wrong, the guardrail cannot ground a write, and the incident is (safely)
 * escalated instead of fixed.
 */
public final class FaultVisibility {

  private static final Set<HealthProfile.Kind> METRICS_ONLY =
      Set.of(HealthProfile.Kind.ERROR_RATE, HealthProfile.Kind.SATURATED);

  /**
   * How long a neighbour that leaks into its node must have run before the alert: triage reads a
   * leak only from a working set still climbing over enough samples to tell it from a heap that
   * levelled off, and the stack's Prometheus scrapes (and triage reads the memory trend) once a
   * second, so fifteen seconds are fifteen samples. A leak that fills its node long before its own
   * limit is never OOM-killed, so no kill can mark the moment it shows.
   */
  static final Duration NEIGHBOUR_LEAK_HISTORY = Duration.ofSeconds(15);

  private FaultVisibility() {}

  /**
   * How long after the start the fault has shown the way an alert would see it: a leak once the
   * first container was OOMKilled (its limit less its level at start, over its growth, at the
   * sandbox's speed-up); a filling disk once the first pod was evicted at its ephemeral-storage
   * limit; a neighbour's pressure on a node once the neighbour has leaked for {@link
   * #NEIGHBOUR_LEAK_HISTORY}; anything else (a scale, a rotation) once the pods have started and
   * gone through two crash cycles.
   */
  public static Duration timeToShow(Scenario scenario, Timing timing) {
    Duration after = scenario.fault() == null ? Duration.ZERO : scenario.fault().after();
    Duration shows = timing.podStartup().plus(timing.crashCycle().multipliedBy(2));
    Optional<HealthProfile> profile = faultProfile(scenario);
    boolean nodePressure =
        scenario.fault() != null && scenario.fault().kind() == Fault.Kind.NODE_PRESSURE;
    if (nodePressure) {
      Duration history = timing.podStartup().plus(NEIGHBOUR_LEAK_HISTORY);
      shows = history.compareTo(shows) > 0 ? history : shows;
    }
    if (profile.isPresent() && !nodePressure) {
      var limits =
          scenario
              .cluster()
              .deployment(scenario.fault().namespace(), scenario.fault().deployment())
              .map(d -> d.resources().limits());
      HealthProfile p = profile.get();
      long limit = -1;
      long atStart = 0;
      double bytesPerMinute = 0;
      if (p.kind() == HealthProfile.Kind.MEMORY_LEAK) {
        limit = limits.map(l -> l.memoryBytes()).orElse(-1L);
        atStart = p.memoryAtStartBytes();
        bytesPerMinute = p.memoryGrowthBytesPerMinute();
      } else if (p.kind() == HealthProfile.Kind.DISK_FILL) {
        limit =
            limits
                .map(l -> l.ephemeralStorage())
                .map(io.backstop.scenario.Quantities::bytes)
                .orElse(-1L);
        atStart = p.diskAtStartBytes();
        bytesPerMinute = p.diskGrowthBytesPerMinute();
      }
      double bytesPerSecond = bytesPerMinute * timing.leakSpeedup() / 60.0;
      if (limit > 0 && bytesPerSecond > 0) {
        shows =
            Duration.ofMillis((long) ((limit - atStart) / bytesPerSecond * 1000))
                .plus(timing.crashCycle());
      }
    }
    return after.plus(shows);
  }

  /**
   * Whether the alerted workload's trouble shows only in metrics: its own fault is an error rate or
   * saturation, or it is not the faulty deployment and suffers only by calling it.
   */
  public static boolean onlyInMetrics(Scenario scenario) {
    if (scenario.fault() != null
        && !scenario.fault().deployment().equals(scenario.alert().deployment())
        && (scenario.fault().kind() == Fault.Kind.ROLLOUT
            || scenario.fault().kind() == Fault.Kind.CONDITION)) {
      return true;
    }
    return faultProfile(scenario).map(p -> METRICS_ONLY.contains(p.kind())).orElse(false);
  }

  static Optional<HealthProfile> faultProfile(Scenario scenario) {
    if (scenario.fault() == null) {
      return Optional.empty();
    }
    if (scenario.fault().profile() != null) {
      return Optional.of(scenario.fault().profile());
    }
    return scenario
        .cluster()
        .deployment(scenario.fault().namespace(), scenario.fault().deployment())
        .flatMap(d -> d.revisions().stream().reduce((first, second) -> second))
        .map(
            (DeployedRevision r) ->
                r.profile() != null ? r.profile() : scenario.images().get(r.image()));
  }
}
