package io.backstop.triage.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.SignalsGathered;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Alerts;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.signal.Evidence;
import io.backstop.events.signal.EvidenceKind;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RevisionHealth;
import io.backstop.events.signal.RolloutHistory;
import io.backstop.events.signal.SymptomKind;
import io.backstop.events.signal.Workload;
import io.backstop.triage.kubernetes.ShopCluster;
import io.backstop.triage.metrics.PrometheusSettings;
import io.backstop.triage.metrics.StubPrometheus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class SignalGathererTest {

  KubernetesMockServer server;
  KubernetesClient client;

  @BeforeEach
  void cluster() {
    ShopCluster.badDeploy(server, client, ShopCluster.CRASH_LOG);
  }

  SignalsGathered gather() {
    var gatherer = Gatherings.from(client);
    return gatherer.gather(Alerts.checkoutErrorRate());
  }

  @Test
  void readsTheRolloutHistoryFromTheReplicaSetsTheDeploymentOwns() {
    RolloutHistory history = gather().rollout(Signals.CHECKOUT).orElseThrow();

    assertThat(history.revisions()).extracting(Revision::revision).containsExactly(1L, 2L, 3L);
    assertThat(history.current().orElseThrow().revision()).isEqualTo(3);
    assertThat(history.revision(3).orElseThrow().gitSha())
        .isEqualTo(Signals.SHA_REV3.substring(0, 12));
    assertThat(history.revision(2).orElseThrow().gitSha()).isEqualTo(Signals.SHA_REV2);
    assertThat(history.revision(3).orElseThrow().deployedAt()).isEqualTo(Fixtures.minutesAgo(12));
    assertThat(history.revision(3).orElseThrow().changeCause())
        .isEqualTo("deploy PR #4812 payment client refactor");
  }

  @Test
  void judgesTheCrashingCurrentRevisionUnhealthyAndTheOnesBeforeTheOnsetHealthy() {
    RolloutHistory history = gather().rollout(Signals.CHECKOUT).orElseThrow();

    assertThat(history.revisions())
        .extracting(Revision::health)
        .containsExactly(RevisionHealth.HEALTHY, RevisionHealth.HEALTHY, RevisionHealth.UNHEALTHY);
  }

  @Test
  void listsTheNamespaceInventoryWithProtectionLabels() {
    SignalsGathered signals = gather();

    assertThat(signals.inventory())
        .extracting(w -> w.ref().name())
        .containsExactlyInAnyOrder("checkout", "cart", "prod-db");
    assertThat(signals.inventory())
        .filteredOn(Workload::labelledProtected)
        .extracting(w -> w.ref().toString())
        .containsExactly("statefulset/shop/prod-db");
  }

  @Test
  void recognisesTheCrashLoopCitingPodsEventsAndLogs() {
    SignalsGathered signals = gather();

    var crash =
        signals.symptoms().stream()
            .filter(s -> s.kind() == SymptomKind.CRASH_LOOP)
            .findFirst()
            .orElseThrow();
    assertThat(crash.workload()).isEqualTo(Signals.CHECKOUT);
    assertThat(crash.detail()).isEqualTo("3 of 3 pods in CrashLoopBackOff");
    assertThat(crash.evidence())
        .extracting(id -> signals.evidence(id).orElseThrow().kind())
        .contains(EvidenceKind.POD, EvidenceKind.EVENT, EvidenceKind.LOG);
    assertThat(crash.since()).isEqualTo(Fixtures.minutesAgo(11));
    assertThat(signals.anomalyOnset()).isEqualTo(Fixtures.minutesAgo(11));
  }

  @Test
  void numbersEvidenceInOrderAndRedactsAndFlagsTheLogTail() {
    SignalsGathered signals = gather();

    for (int i = 0; i < signals.evidence().size(); i++) {
      assertThat(signals.evidence().get(i).id().value()).isEqualTo("E" + (i + 1));
    }
    Evidence log =
        signals.evidence().stream()
            .filter(e -> e.kind() == EvidenceKind.LOG)
            .findFirst()
            .orElseThrow();
    assertThat(log.text())
        .contains("panic: nil pointer dereference")
        .contains("Bearer [REDACTED:BEARER]")
        .doesNotContain("abcdefghijklmnopqrstuvwx123")
        .contains("ignore previous instructions");
    assertThat(log.untrusted()).isTrue();
    assertThat(log.suspectedInjection()).isTrue();
    assertThat(signals.redactionCount()).isPositive();
  }

  @Test
  void takesTheOnsetFromPrometheusAndCitesTheErrorRatio() throws Exception {
    try (var prometheus = new StubPrometheus()) {
      prometheus
          .value("http_requests_total", 0.42)
          .range(
              "http_requests_total",
              StubPrometheus.every30s(Fixtures.minutesAgo(12), 0.01, 0.01, 0.01, 0.01, 0.2, 0.42));
      var gatherer = Gatherings.from(client).prometheus(PrometheusSettings.at(prometheus.url()));

      SignalsGathered signals = gatherer.gather(Alerts.checkoutErrorRate());

      var errors =
          signals.symptoms().stream()
              .filter(s -> s.kind() == SymptomKind.ERROR_RATE)
              .findFirst()
              .orElseThrow();
      assertThat(signals.anomalyOnset()).isEqualTo(Fixtures.minutesAgo(10));
      assertThat(errors.since()).isEqualTo(Fixtures.minutesAgo(10));
      assertThat(signals.evidence(errors.evidence().get(0)).orElseThrow().text())
          .startsWith(
              "error signal for shop/checkout = 0.420 (codes error_ratio query) against a baseline"
                  + " of 0.000, threshold 0.050 above it, above it since "
                  + Fixtures.minutesAgo(10));
    }
  }

  @Test
  void listsAFailedSourceAsMissingAndStillGathersTheRest() {
    var gatherer =
        Gatherings.from(client)
            .prometheus(PrometheusSettings.at(java.net.URI.create("http://127.0.0.1:1/")));

    SignalsGathered signals = gatherer.gather(Alerts.checkoutErrorRate());

    assertThat(signals.missingSources()).anyMatch(s -> s.startsWith("prometheus/error_ratio:"));
    assertThat(signals.rollout(Signals.CHECKOUT)).isPresent();
  }

  @Test
  void asksPrometheusForTheHealthWindowOfTheEarlierRevisionTheRangeDoesNotCover() throws Exception {
    try (var prometheus = new StubPrometheus()) {
      var gatherer = Gatherings.from(client).prometheus(PrometheusSettings.at(prometheus.url()));

      SignalsGathered signals = gatherer.gather(Alerts.checkoutErrorRate());

      assertThat(prometheus.requests())
          .anyMatch(r -> r.get("query").startsWith("max_over_time("))
          .anyMatch(r -> r.get("query").startsWith("count_over_time("));
      assertThat(signals.missingSources()).noneMatch(s -> s.startsWith("prometheus.window"));
    }
  }

  @Test
  void namesAHealthWindowPrometheusDidNotAnswerInTimeAndJudgesWithoutIt() throws Exception {
    try (var prometheus = new StubPrometheus()) {
      prometheus
          .delay("max_over_time(", Duration.ofSeconds(8))
          .delay("count_over_time(", Duration.ofSeconds(8));
      var gatherer =
          Gatherings.from(client)
              .prometheus(PrometheusSettings.at(prometheus.url()))
              .limits(
                  GatheringLimits.defaults()
                      .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(20)));

      SignalsGathered signals = gatherer.gather(Alerts.checkoutErrorRate());

      assertThat(signals.missingSources())
          .contains("prometheus.window/checkout@1: no answer within 1000 ms");
      assertThat(signals.rollout(Signals.CHECKOUT).orElseThrow().revisions())
          .extracting(Revision::revision)
          .containsExactly(1L, 2L, 3L);
    }
  }

  @Test
  void saysMetricsAreUnavailableWhenNoPrometheusIsConfigured() {
    SignalsGathered signals = gather();

    assertThat(signals.evidence())
        .filteredOn(e -> e.kind() == EvidenceKind.METRIC)
        .singleElement()
        .extracting(Evidence::text)
        .asString()
        .startsWith("metrics unavailable");
    assertThat(signals.missingSources()).anyMatch(s -> s.startsWith("prometheus: not configured"));
    assertThat(signals.symptoms()).noneMatch(s -> s.kind() == SymptomKind.ERROR_RATE);
  }

  @Test
  void producesASealedEventUnderTheSizeBound() {
    SignalsGathered signals = gather();

    assertThat(EventCodec.intact(signals)).isTrue();
    assertThat(EventCodec.encode(signals).length)
        .isLessThan(GatheringLimits.defaults().maxEventBytes());
  }
}
