package io.backstop.triage.evidence;

import static io.backstop.events.fixtures.Fixtures.NOW;
import static io.backstop.events.fixtures.Fixtures.minutesAgo;
import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.fixtures.Signals;
import io.backstop.events.id.EvidenceId;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.SymptomKind;
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
                        new Sample(minutesAgo(15), 600),
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
}
