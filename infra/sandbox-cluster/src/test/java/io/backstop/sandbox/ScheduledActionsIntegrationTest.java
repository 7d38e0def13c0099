package io.backstop.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.sandbox.spec.SandboxSpec;
import io.backstop.scenario.Scenario;
import io.backstop.scenario.ScenarioLoader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A scenario run asks the sandbox whether the faults due by now have run, and how late: the loop
 * runs a scheduled fault inside its next reconcile step, which on a loaded machine can come well
 * after the fault's time. Here the loop's own timer is slowed to one step a minute, so only the
 * wait's wake-up can run the fault: it is late by at least the time slept past it.
 */
class ScheduledActionsIntegrationTest {

  @Test
  void waitsForAFaultDueByNowAndSaysHowLateItRan() throws Exception {
    Scenario scenario = ScenarioLoader.loadResource("primary-model-down.yaml");
    Duration after = scenario.fault().after();
    String ns = scenario.fault().namespace();
    String name = scenario.fault().deployment();
    try (SandboxCluster sandbox =
        SandboxCluster.start(
            SandboxSpec.from(scenario),
            SandboxOptions.fast().withReconcileInterval(Duration.ofMinutes(1)))) {
      long before = sandbox.snapshot().deployment(ns, name).orElseThrow().revision();

      assertThat(sandbox.awaitScheduled(Duration.ofSeconds(5))).isLessThan(Duration.ofSeconds(1));
      assertThat(sandbox.snapshot().deployment(ns, name).orElseThrow().revision())
          .isEqualTo(before);

      Thread.sleep(after.plusSeconds(1).toMillis());
      Duration late = sandbox.awaitScheduled(Duration.ofSeconds(10));

      assertThat(late).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
      assertThat(sandbox.snapshot().deployment(ns, name).orElseThrow().revision())
          .isGreaterThan(before);
    }
  }
}
