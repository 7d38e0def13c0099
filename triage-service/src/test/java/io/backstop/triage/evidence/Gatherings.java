package io.backstop.triage.evidence;

import io.backstop.events.AlertReceived;
import io.backstop.events.SignalsGathered;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.redaction.Redactor;
import io.backstop.triage.kubernetes.Fabric8ReadOnlyCluster;
import io.backstop.triage.kubernetes.ReadOnlyCluster;
import io.backstop.triage.metrics.PrometheusSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one setup of the gathering tests: a {@link SignalGatherer} as the service wires it (the
 * default redactor, the fixtures' clock), over a cluster (the real read-only adapter on a fabric8
 * mock server's client, or an in-memory one), without Prometheus and with the default limits unless
 * a test sets them. Each gather runs on its own pool, shut down when the gather returns, so a test
 * holds no threads past it and needs no teardown.
 */
final class Gatherings {

  private final ReadOnlyCluster cluster;
  private PrometheusSettings prometheus = PrometheusSettings.unconfigured();
  private GatheringLimits limits = GatheringLimits.defaults();

  private Gatherings(ReadOnlyCluster cluster) {
    this.cluster = cluster;
  }

  /** Through the real read-only adapter, as the service reads the API server. */
  static Gatherings from(KubernetesClient client) {
    return new Gatherings(new Fabric8ReadOnlyCluster(client));
  }

  static Gatherings from(ReadOnlyCluster cluster) {
    return new Gatherings(cluster);
  }

  Gatherings prometheus(PrometheusSettings settings) {
    this.prometheus = settings;
    return this;
  }

  Gatherings limits(GatheringLimits limits) {
    this.limits = limits;
    return this;
  }

  SignalsGathered gather(AlertReceived alert) {
    ExecutorService executor = Executors.newFixedThreadPool(4);
    try {
      return new SignalGatherer(
              Optional.of(cluster), prometheus, limits, new Redactor(), executor, Fixtures.CLOCK)
          .gather(alert);
    } finally {
      executor.shutdownNow();
    }
  }
}
