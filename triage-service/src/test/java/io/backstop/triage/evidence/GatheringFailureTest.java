package io.backstop.triage.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.SignalsGathered;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Alerts;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.signal.ConfigChange.ConfigKind;
import io.backstop.triage.kubernetes.ObjectChange;
import io.backstop.triage.kubernetes.ReadOnlyCluster;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whatever the cluster does, the incident gets a SignalsGathered that says what is missing. */
class GatheringFailureTest {

  SignalsGathered gather(ReadOnlyCluster cluster, GatheringLimits limits) {
    return Gatherings.from(cluster).limits(limits).gather(Alerts.checkoutErrorRate());
  }

  @Test
  void aSourceThatHangsIsListedAsMissingAndTheRestIsStillGathered() {
    GatheringLimits fast =
        GatheringLimits.defaults().withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(2));
    FakeCluster hanging =
        new FakeCluster() {
          @Override
          public List<Event> listEvents(String namespace) {
            sleep(5_000);
            return List.of();
          }
        };

    long started = System.nanoTime();
    SignalsGathered signals = gather(hanging, fast);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    assertThat(signals.missingSources())
        .anyMatch(s -> s.startsWith("kubernetes.events: no answer"));
    assertThat(signals.inventory()).extracting(w -> w.ref()).contains(Signals.CHECKOUT);
  }

  @Test
  void aSourceThatFailsIsListedWithItsError() {
    FakeCluster forbidden =
        new FakeCluster() {
          @Override
          public List<ReplicaSet> listReplicaSets(String namespace) {
            throw new IllegalStateException("403 Forbidden: replicasets is forbidden");
          }
        };

    SignalsGathered signals = gather(forbidden, GatheringLimits.defaults());

    assertThat(signals.missingSources())
        .contains(
            "kubernetes.replicasets: IllegalStateException: 403 Forbidden: replicasets is forbidden");
  }

  @Test
  void anAnswerThatBreaksTheGatheringStillYieldsASignalsGatheredSayingSo() {
    FakeCluster broken =
        new FakeCluster() {
          @Override
          public Optional<Deployment> getDeployment(String namespace, String name) {
            return Optional.of(
                new DeploymentBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withNamespace(namespace)
                    .endMetadata()
                    .build());
          }
        };

    SignalsGathered signals = gather(broken, GatheringLimits.defaults());

    assertThat(signals.target()).isEqualTo(Signals.CHECKOUT);
    assertThat(signals.evidence()).isEmpty();
    assertThat(signals.missingSources())
        .singleElement()
        .asString()
        .startsWith("gathering: failed, no evidence was gathered: NullPointerException");
    assertThat(EventCodec.intact(signals)).isTrue();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A cluster holding only the Deployment checkout, with a selector and nothing else. */
  static class FakeCluster implements ReadOnlyCluster {
    static final Deployment CHECKOUT =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("checkout")
            .withNamespace("shop")
            .endMetadata()
            .withNewSpec()
            .withReplicas(3)
            .withNewSelector()
            .withMatchLabels(Map.of("app", "checkout"))
            .endSelector()
            .endSpec()
            .build();

    @Override
    public Optional<Deployment> getDeployment(String namespace, String name) {
      return Optional.of(CHECKOUT);
    }

    @Override
    public List<Deployment> listDeployments(String namespace) {
      return List.of(CHECKOUT);
    }

    @Override
    public List<StatefulSet> listStatefulSets(String namespace) {
      return List.of();
    }

    @Override
    public List<ReplicaSet> listReplicaSets(String namespace) {
      return List.of();
    }

    @Override
    public List<Pod> listPods(String namespace, Map<String, String> selector) {
      return List.of();
    }

    @Override
    public List<Event> listEvents(String namespace) {
      return List.of();
    }

    @Override
    public List<PodMetrics> listPodMetrics(String namespace, Map<String, String> selector) {
      return List.of();
    }

    @Override
    public List<Pod> listPods(String namespace, int limit) {
      return List.of();
    }

    @Override
    public List<Service> listServices(String namespace) {
      return List.of();
    }

    @Override
    public List<HorizontalPodAutoscaler> listAutoscalers(String namespace) {
      return List.of();
    }

    @Override
    public List<NetworkPolicy> listNetworkPolicies(String namespace) {
      return List.of();
    }

    @Override
    public List<PersistentVolumeClaim> listPersistentVolumeClaims(String namespace) {
      return List.of();
    }

    @Override
    public List<io.fabric8.kubernetes.api.model.batch.v1.Job> listJobs(String namespace) {
      return List.of();
    }

    @Override
    public List<ObjectChange> listConfigMetadata(String namespace, ConfigKind kind) {
      return List.of();
    }

    @Override
    public Optional<Node> getNode(String name) {
      return Optional.empty();
    }

    @Override
    public List<Pod> listPodsOnNode(String node, int limit) {
      return List.of();
    }

    @Override
    public List<Event> listNodeEvents(String node) {
      return List.of();
    }

    @Override
    public List<PodMetrics> listPodMetrics(String namespace) {
      return List.of();
    }

    @Override
    public Optional<NodeMetrics> getNodeMetrics(String node) {
      return Optional.empty();
    }

    @Override
    public String readLog(
        String namespace, String pod, String container, boolean previous, int lines, int maxBytes) {
      return "";
    }
  }
}
