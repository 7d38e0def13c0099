package io.backstop.triage.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.triage.kubernetes.PodObservation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A pod whose containers run and pass their own probes, but which is not Ready only because a
 * readiness gate is unset (a load-balancer controller sets it once the pod is a healthy target):
 * the pod's own code is sound, so it is not wedged, and nothing a write to its Deployment does sets
 * the gate. A pod whose container never passes its readiness probe is wedged, as before.
 * (holdout-8's frontend-release-stuck-on-load-balancer-readiness-gate.)
 */
class ReadinessGateTest {

  private static final Instant NOW = Instant.parse("2026-12-05T01:00:00Z");

  private static Pod pod(boolean containerReady, boolean gateSet) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("frontend-9b4ab3ff6-p3x9c")
        .withCreationTimestamp("2026-12-05T00:44:00Z")
        .addNewOwnerReference()
        .withKind("ReplicaSet")
        .withName("frontend-9b4ab3ff6")
        .withController(true)
        .endOwnerReference()
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("frontend")
        .withImage("registry.example/frontend:430d53c")
        .endContainer()
        .addNewReadinessGate()
        .withConditionType("target-health.elbv2.k8s.aws/k8s-shop-frontend-6b1c0e")
        .endReadinessGate()
        .withNodeName("worker-2")
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .addNewCondition()
        .withType("ContainersReady")
        .withStatus(containerReady ? "True" : "False")
        .endCondition()
        .addNewCondition()
        .withType("Ready")
        .withStatus(containerReady && gateSet ? "True" : "False")
        .withReason(containerReady ? "ReadinessGatesNotReady" : "ContainersNotReady")
        .endCondition()
        .addNewContainerStatus()
        .withName("frontend")
        .withImage("registry.example/frontend:430d53c")
        .withReady(containerReady)
        .withRestartCount(0)
        .withNewState()
        .withNewRunning()
        .withStartedAt("2026-12-05T00:44:08Z")
        .endRunning()
        .endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }

  @Test
  void aPodWaitingOnlyForAReadinessGateIsNotWedged() {
    PodObservation p = PodObservation.of(pod(true, false));

    assertThat(p.phase()).isEqualTo("Running");
    assertThat(SymptomRecognizer.isWedged(p, NOW)).isFalse();
  }

  @Test
  void aPodWhoseContainerNeverPassesItsProbeIsWedged() {
    PodObservation p = PodObservation.of(pod(false, false));

    assertThat(SymptomRecognizer.isWedged(p, NOW)).isTrue();
  }
}
