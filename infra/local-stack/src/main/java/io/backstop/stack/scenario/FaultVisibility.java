package io.backstop.stack.scenario;

import io.backstop.sandbox.workload.Timing;
import io.backstop.scenario.DeployedRevision;
import io.backstop.scenario.HealthProfile;
import io.backstop.scenario.Scenario;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a scenario's fault shows only in metrics. An error rate or saturation leaves every pod
 * running and ready: without Prometheus, triage sees nothing wrong, the guardrail cannot ground a
 * write, and the incident is (safely) escalated instead of fixed.
 */
public final class FaultVisibility {

  private static final Set<HealthProfile.Kind> METRICS_ONLY =
      Set.of(HealthProfile.Kind.ERROR_RATE, HealthProfile.Kind.SATURATED);

  private FaultVisibility() {}

  /**
   * How long after the start the fault has shown the way an alert would see it: a leak once the
   * first container was OOMKilled (its limit over its growth, at the sandbox's speed-up); anything
   * else once the pods have started and gone through two crash cycles.
   */
  public static Duration timeToShow(Scenario scenario, Timing timing) {
    Duration after = scenario.fault() == null ? Duration.ZERO : scenario.fault().after();
    Duration shows = timing.podStartup().plus(timing.crashCycle().multipliedBy(2));
    Optional<HealthProfile> profile = faultProfile(scenario);
    if (profile.isPresent() && profile.get().kind() == HealthProfile.Kind.MEMORY_LEAK) {
      long limit =
          scenario
              .cluster()
              .deployment(scenario.fault().namespace(), scenario.fault().deployment())
              .map(d -> d.resources().limits().memoryBytes())
              .orElse(-1L);
      double bytesPerSecond =
          profile.get().memoryGrowthBytesPerMinute() * timing.leakSpeedup() / 60.0;
      if (limit > 0 && bytesPerSecond > 0) {
        shows = Duration.ofMillis((long) (limit / bytesPerSecond * 1000)).plus(timing.crashCycle());
      }
    }
    return after.plus(shows);
  }

  public static boolean onlyInMetrics(Scenario scenario) {
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
        .map(DeployedRevision::image)
        .map(image -> scenario.images().get(image));
  }
}
