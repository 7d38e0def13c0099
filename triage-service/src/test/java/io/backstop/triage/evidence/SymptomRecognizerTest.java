package io.backstop.triage.evidence;

import static io.backstop.events.fixtures.Fixtures.NOW;
import static io.backstop.events.fixtures.Fixtures.minutesAgo;
import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.id.EvidenceId;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.SymptomKind;
import io.backstop.triage.kubernetes.EventObservation;
import io.backstop.triage.kubernetes.PodObservation;
import io.backstop.triage.metrics.MetricReading;
import io.backstop.triage.metrics.MetricsReport;
import io.backstop.triage.metrics.PrometheusSettings;
import io.backstop.triage.metrics.Sample;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SymptomRecognizerTest {

  final SymptomRecognizer recognizer = new SymptomRecognizer();

  static PodObservation pod(String name, boolean ready, int restarts, String waiting, String last) {
    return new PodObservation(
        name,
        "app",
        "Running",
        ready,
        restarts,
        waiting,
        last,
        null,
        "img",
        "rs-1",
        minutesAgo(30));
  }

  static Cited<PodObservation> cited(PodObservation p, int id) {
    return Cited.of(p, Optional.of(EvidenceId.number(id)));
  }

  static Observations observe(
      List<Cited<PodObservation>> pods,
      List<Cited<LogExcerpt>> logs,
      List<Cited<MetricReading>> metrics) {
    return new Observations(
        Signals.CHECKOUT,
        NOW,
        minutesAgo(5),
        pods,
        List.of(),
        logs,
        metrics,
        MetricsReport.unavailable(PrometheusSettings.unconfigured()));
  }

  List<SymptomKind> kinds(Observations o) {
    return recognizer.recognise(o).stream().map(Symptom::kind).toList();
  }

  @Test
  void recognisesOomKilledContainers() {
    var o = observe(List.of(cited(pod("a", true, 2, null, "OOMKilled"), 1)), List.of(), List.of());

    assertThat(recognizer.recognise(o))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.kind()).isEqualTo(SymptomKind.OOM_KILLED);
              assertThat(s.evidence()).containsExactly(EvidenceId.of("E1"));
            });
  }

  @Test
  void recognisesImagePullFailures() {
    var o =
        observe(
            List.of(cited(pod("a", false, 0, "ImagePullBackOff", null), 2)), List.of(), List.of());

    assertThat(kinds(o)).containsExactly(SymptomKind.IMAGE_PULL_FAILURE);
  }

  @Test
  void recognisesPodsRunningButNeverReadyAsWedged() {
    var o =
        observe(
            List.of(
                cited(pod("a", false, 0, null, null), 1), cited(pod("b", true, 0, null, null), 2)),
            List.of(),
            List.of());

    assertThat(kinds(o)).containsExactly(SymptomKind.WEDGED_PODS);
  }

  @Test
  void recognisesTheKubernetesApiRefusingThePodsServiceAccount() {
    var forbidden =
        Cited.of(
            new LogExcerpt(
                "a",
                "app",
                false,
                "FATAL leaderelection: error retrieving resource lock default/notifications-leader:"
                    + " leases.coordination.k8s.io \"notifications-leader\" is forbidden: User"
                    + " \"system:serviceaccount:default:notifications\" cannot get resource"
                    + " \"leases\" in API group \"coordination.k8s.io\" in the namespace"
                    + " \"default\""),
            Optional.of(EvidenceId.of("E2")));

    var symptoms = recognizer.recognise(observe(List.of(), List.of(forbidden), List.of()));

    assertThat(symptoms)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.kind()).isEqualTo(SymptomKind.API_FORBIDDEN);
              assertThat(s.detail())
                  .contains("system:serviceaccount:default:notifications\" cannot get");
              assertThat(s.kind().admits()).isEmpty();
            });
  }

  @Test
  void aForbiddenWordOrAPersonsRefusalIsNotTheApiRefusingThePods() {
    var words =
        Cited.of(
            new LogExcerpt(
                "a",
                "app",
                false,
                "WARN 403 Forbidden from the partner API; user \"alice\" is forbidden: User"
                    + " \"alice@example.com\" cannot list resource \"pods\""),
            Optional.of(EvidenceId.of("E2")));

    assertThat(kinds(observe(List.of(), List.of(words), List.of())))
        .doesNotContain(SymptomKind.API_FORBIDDEN);
  }

  @Test
  void recognisesCredentialFailuresInLogs() {
    var log =
        Cited.of(
            new LogExcerpt(
                "a",
                "app",
                false,
                "ERROR db: FATAL: password authentication failed for user \"checkout\""),
            Optional.of(EvidenceId.of("E4")));
    var o = observe(List.of(), List.of(log), List.of());

    assertThat(kinds(o)).containsExactly(SymptomKind.CREDENTIAL_FAILURE);
  }

  @Test
  void recognisesMetricSymptomsOnlyOverTheirThresholds() {
    var metrics =
        List.of(
            Cited.of(
                new MetricReading("error_ratio", "q", 0.01, List.of(), null),
                Optional.of(EvidenceId.of("E1"))),
            Cited.of(
                new MetricReading("latency_p99", "q", 2.5, List.of(), null),
                Optional.of(EvidenceId.of("E2"))),
            Cited.of(
                new MetricReading("cpu", "q", 0.97, List.of(), null),
                Optional.of(EvidenceId.of("E3"))),
            Cited.of(
                new MetricReading(
                    "memory",
                    "q",
                    900.0,
                    List.of(
                        new Sample(minutesAgo(30), 300),
                        new Sample(minutesAgo(20), 500),
                        new Sample(minutesAgo(10), 700),
                        new Sample(NOW, 900)),
                    null),
                Optional.of(EvidenceId.of("E4"))));
    var o =
        new Observations(
            Signals.CHECKOUT,
            NOW,
            minutesAgo(5),
            List.of(),
            List.of(),
            List.of(),
            metrics,
            new MetricsReport(
                true,
                metrics.stream().map(Cited::value).toList(),
                null,
                PrometheusSettings.unconfigured()));

    assertThat(kinds(o))
        .containsExactlyInAnyOrder(
            SymptomKind.LATENCY, SymptomKind.SATURATION, SymptomKind.MEMORY_GROWTH);
  }

  @Test
  void recognisesNothingInHealthyPods() {
    var o = observe(List.of(cited(pod("a", true, 0, null, null), 1)), List.of(), List.of());

    assertThat(kinds(o)).isEmpty();
  }

  @Test
  void recognisesOomKillsFromKubeStateMetricsWhenNoListedPodShowsThem() {
    var metrics =
        List.of(
            Cited.of(
                new MetricReading("oom_killed", "q", 2.0, List.of(), null),
                Optional.of(EvidenceId.of("E3"))));
    var o = observe(List.of(cited(pod("a", true, 0, null, null), 1)), List.of(), metrics);

    assertThat(recognizer.recognise(o))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.kind()).isEqualTo(SymptomKind.OOM_KILLED);
              assertThat(s.evidence()).containsExactly(EvidenceId.of("E3"));
              assertThat(s.detail())
                  .isEqualTo("2 containers last terminated OOMKilled (kube-state-metrics)");
            });
  }

  @Test
  void recordsNoOomKillWhenKubeStateMetricsCountsNone() {
    var metrics =
        List.of(
            Cited.of(
                new MetricReading("oom_killed", "q", 0.0, List.of(), null),
                Optional.of(EvidenceId.of("E3"))));
    var o = observe(List.of(cited(pod("a", true, 0, null, null), 1)), List.of(), metrics);

    assertThat(kinds(o)).isEmpty();
  }

  static Observations withEvents(List<Cited<PodObservation>> pods, EventObservation... events) {
    List<Cited<EventObservation>> cited = new java.util.ArrayList<>();
    for (int i = 0; i < events.length; i++) {
      cited.add(Cited.of(events[i], Optional.of(EvidenceId.number(10 + i))));
    }
    return new Observations(
        Signals.CHECKOUT,
        NOW,
        minutesAgo(5),
        pods,
        cited,
        List.of(),
        List.of(),
        MetricsReport.unavailable(PrometheusSettings.unconfigured()));
  }

  static EventObservation event(String kind, String name, String reason, String message) {
    return new EventObservation(
        kind, name, "Warning", reason, message, 3, minutesAgo(12), minutesAgo(1));
  }

  @Test
  void recognisesAMissingSecretOrConfigMapFromTheKubeletOrThePodState() {
    var byEvent =
        withEvents(
            List.of(cited(pod("a", true, 0, null, null), 1)),
            event(
                "Pod",
                "checkout-7d6c5b4a3-q2w3e",
                "Failed",
                "Error: configmap \"checkout-schema\" not found"));
    var byState =
        observe(
            List.of(cited(pod("a", false, 0, "CreateContainerConfigError", null), 2)),
            List.of(),
            List.of());

    assertThat(recognizer.recognise(byEvent))
        .filteredOn(s -> s.kind() == SymptomKind.CONFIG_MISSING)
        .singleElement()
        .satisfies(s -> assertThat(s.evidence()).containsExactly(EvidenceId.of("E10")));
    assertThat(kinds(byState)).contains(SymptomKind.CONFIG_MISSING);
    assertThat(SymptomKind.CONFIG_MISSING.admits())
        .as(
            "only a person restores it; a rollback past the release that brought the reference is"
                + " the one write the guardrail may let through")
        .containsExactly(ActionType.ROLLBACK);
  }

  @Test
  void recognisesPodsThatCannotBeCreatedOrScheduledButNotATransientCreateError() {
    var quota =
        withEvents(
            List.of(),
            event(
                "ReplicaSet",
                "checkout-d418a0f4a",
                "FailedCreate",
                "pods \"checkout-d418a0f4a-7bq2m\" is forbidden: exceeded quota: shop-compute"));
    var noNode =
        withEvents(
            List.of(),
            event(
                "Pod",
                "checkout-d418a0f4a-x1",
                "FailedScheduling",
                "0/6 nodes are available: 6 Insufficient cpu."));
    var transientError =
        withEvents(
            List.of(),
            event(
                "ReplicaSet",
                "checkout-d418a0f4a",
                "FailedCreate",
                "Error creating: Timeout: request did not complete within requested timeout"),
            event("Pod", "checkout-x", "Failed", "Error: secret name too long"));

    assertThat(kinds(quota)).containsExactly(SymptomKind.REPLICAS_BLOCKED);
    assertThat(kinds(noNode)).containsExactly(SymptomKind.REPLICAS_BLOCKED);
    assertThat(kinds(transientError)).isEmpty();
    assertThat(SymptomKind.REPLICAS_BLOCKED.admits()).containsExactly(ActionType.ROLLBACK);
  }
}
