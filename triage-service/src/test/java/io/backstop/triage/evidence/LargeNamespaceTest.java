package io.backstop.triage.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.triage.kubernetes.Apps;
import io.backstop.triage.kubernetes.Apps.State;
import io.backstop.triage.kubernetes.InMemoryCluster;
import org.junit.jupiter.api.Test;

/**
 * A namespace of 200 workloads, 40 of them failing: the SignalsGathered stays within its byte
 * budget and its bounds (at most N related workloads, what was left out named), lists every
 * workload in its inventory, and reads back as written.
 */
class LargeNamespaceTest {

  final InMemoryCluster cluster = new InMemoryCluster();

  @Test
  void staysBoundedInSizeAndInWhatItLooksAtWithTwoHundredWorkloads() {
    Apps apps = new Apps(cluster, "shop");
    apps.node("worker-1", "64Gi", true);
    for (int i = 0; i < 200; i++) {
      String name = i == 0 ? "checkout" : "svc-" + i;
      Apps.App app =
          apps.app(name).replicas(3).env("PEER", "http://svc-" + (i == 0 ? 5 : i + 1) + ":8080");
      for (int r = 1; r <= 6; r++) {
        app.revision(
            r,
            "h" + i + "x" + r,
            "registry.local/shop/" + name + ":v1." + i + "." + r,
            null,
            60L * 24 * (8 - r));
      }
      app.add().pods(i % 5 == 0 ? State.CRASH_LOOP : State.READY, "worker-1", 30, 3);
      apps.service("svc-" + i, name);
      cluster.pods.stream()
          .filter(p -> p.getMetadata().getName().startsWith(name + "-"))
          .forEach(p -> cluster.logs.put(p.getMetadata().getName(), "x".repeat(8000)));
    }

    SignalsGathered signals =
        Gatherings.from(cluster).gather(BeyondTheAlertTest.alertOn("checkout"));

    byte[] written = EventCodec.encode(signals);
    assertThat(written.length).isLessThanOrEqualTo(GatheringLimits.defaults().maxEventBytes());
    assertThat(signals.inventory()).hasSize(200);
    assertThat(signals.inventory().get(0).ref())
        .isEqualTo(WorkloadRef.deployment("shop", "checkout"));
    assertThat(signals.findings().related())
        .hasSizeLessThanOrEqualTo(GatheringLimits.defaults().related().maxWorkloads());
    assertThat(signals.findings().related().get(0).workload().name()).isEqualTo("svc-5");
    assertThat(signals.findings().related().get(0).relation())
        .isEqualTo(io.backstop.events.signal.Relation.DEPENDENCY);
    assertThat(signals.gathering().skipped()).anyMatch(s -> s.contains("-workload bound"));
    assertThat(signals.rollouts()).hasSizeLessThanOrEqualTo(1 + 8);
    IncidentEvent read = EventCodec.decode(written);
    assertThat(read).isEqualTo(signals);
    assertThat(EventCodec.intact((SignalsGathered) read)).isTrue();
  }
}
