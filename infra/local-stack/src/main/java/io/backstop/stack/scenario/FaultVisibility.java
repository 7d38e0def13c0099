package io.backstop.stack.scenario;

import io.backstop.scenario.DeployedRevision;
import io.backstop.scenario.HealthProfile;
import io.backstop.scenario.Scenario;
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
