package io.backstop.triage.evidence;

import static io.backstop.events.fixtures.Fixtures.NOW;
import static io.backstop.events.fixtures.Fixtures.minutesAgo;
import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.fixtures.Signals;
import io.backstop.events.id.EvidenceId;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.SymptomKind;
import io.backstop.triage.kubernetes.PodObservation;
import io.backstop.triage.kubernetes.PodUsage;
import io.backstop.triage.metrics.MetricReading;
import io.backstop.triage.metrics.MetricsReport;
import io.backstop.triage.metrics.PrometheusSettings;
import io.backstop.triage.metrics.Sample;
import io.backstop.triage.metrics.Series;
import io.backstop.triage.metrics.StubPrometheus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SATURATION and MEMORY_GROWTH from Prometheus readings and pod usage against the limits. */
class ResourcePressureTest {

  static final long GI = 1L << 30;
  static final PrometheusSettings SETTINGS = PrometheusSettings.unconfigured();

  static Cited<MetricReading> reading(int id, String name, Double latest, List<Sample> range) {
    return Cited.of(
        new MetricReading(name, "q", latest, range, null), Optional.of(EvidenceId.number(id)));
  }

  static Cited<PodUsage> usage(int id, String pod, double cpu, long memory, Double cpuLimit) {
    return Cited.of(
        new PodUsage(pod, cpu, memory, cpuLimit, GI), Optional.of(EvidenceId.number(id)));
  }

  static Observations observe(
      List<Cited<MetricReading>> metrics,
      List<Cited<PodUsage>> usage,
      List<Cited<PodObservation>> pods) {
    MetricsReport report =
        metrics.isEmpty()
            ? MetricsReport.unavailable(SETTINGS)
            : new MetricsReport(true, metrics.stream().map(Cited::value).toList(), null, SETTINGS);
    return new Observations(
        Signals.CHECKOUT, NOW, minutesAgo(1), pods, List.of(), List.of(), metrics, report, usage);
  }

  static List<SymptomKind> kinds(Observations o) {
    return new SymptomRecognizer().recognise(o).stream().map(Symptom::kind).toList();
  }

  @Test
  void recognisesSaturationWhenCpuIsNearTheLimitAndLatencyIsUp() {
    var o =
        observe(
            List.of(reading(1, "cpu", 0.96, List.of()), reading(2, "latency_p99", 1.8, List.of())),
            List.of(),
            List.of());

    Symptom saturation = ResourcePressure.saturation(o).orElseThrow();

    assertThat(saturation.evidence()).containsExactly(EvidenceId.of("E1"), EvidenceId.of("E2"));
    assertThat(saturation.detail())
        .isEqualTo(
            "CPU 96% of its limit (Prometheus) (threshold 90%), p99 latency 1.800s"
                + " (threshold 1.000s), no pod crash-looping");
  }

  @Test
  void recordsNoSaturationWhileLatencyStaysNormal() {
    var o =
        observe(
            List.of(reading(1, "cpu", 0.97, List.of()), reading(2, "latency_p99", 0.2, List.of())),
            List.of(usage(3, "a", 1.95, GI / 4, 2.0)),
            List.of());

    assertThat(kinds(o)).doesNotContain(SymptomKind.SATURATION);
  }

  @Test
  void recordsNoSaturationForACrashLoopingWorkload() {
    var looping =
        Cited.of(
            SymptomRecognizerTest.pod("a", false, 4, "CrashLoopBackOff", "Error"),
            Optional.of(EvidenceId.number(3)));
    var o =
        observe(
            List.of(reading(1, "cpu", 0.99, List.of()), reading(2, "latency_p99", 3.0, List.of())),
            List.of(),
            List.of(looping));

    assertThat(kinds(o)).contains(SymptomKind.CRASH_LOOP).doesNotContain(SymptomKind.SATURATION);
  }

  @Test
  void recognisesSaturationFromPodUsageAcrossPodsWithoutPrometheus() {
    var o =
        observe(
            List.of(),
            List.of(usage(1, "a", 1.9, GI / 4, 2.0), usage(2, "b", 1.95, GI / 4, 2.0)),
            List.of());

    Symptom saturation = ResourcePressure.saturation(o).orElseThrow();

    assertThat(saturation.evidence()).containsExactly(EvidenceId.of("E1"), EvidenceId.of("E2"));
    assertThat(saturation.detail()).contains("CPU 96% of its limit across 2 pods");
    assertThat(saturation.detail()).contains("latency not read");
  }

  @Test
  void computesNoCpuShareForPodsWithoutACpuLimit() {
    var o = observe(List.of(), List.of(usage(1, "a", 8.0, GI / 4, null)), List.of());

    assertThat(kinds(o)).doesNotContain(SymptomKind.SATURATION);
  }

  @Test
  void recognisesMemoryGrowthFromAPodsClimbWithinOneRunOfALeakThatIsOomKilledAndStartsLow() {
    List<Sample> sawtooth =
        StubPrometheus.every30s(minutesAgo(4), 0.4, 0.55, 0.7, 0.85, 0.97, 0.38, 0.6, 0.8);
    var byPod =
        Cited.of(
            new MetricReading(
                "memory_by_pod",
                "q",
                0.8,
                sawtooth,
                null,
                List.of(new Series(java.util.Map.of("pod", "checkout-1"), sawtooth))),
            Optional.of(EvidenceId.number(5)));
    var o =
        observe(List.of(reading(4, "memory_ratio", 0.8, sawtooth), byPod), List.of(), List.of());

    Symptom memory = ResourcePressure.memoryGrowth(o).orElseThrow();

    assertThat(memory.kind()).isEqualTo(SymptomKind.MEMORY_GROWTH);
    assertThat(memory.evidence()).containsExactly(EvidenceId.of("E4"), EvidenceId.of("E5"));
    assertThat(memory.since()).isEqualTo(minutesAgo(4));
    assertThat(memory.detail())
        .startsWith(
            "pod checkout-1's working set climbed from 40% to 97% of its limit over 5 samples in"
                + " one run, still rising at its end, working set peaked at 97% of its limit");
  }

  /** A pod's memory_by_pod series of these shares, 30 s apart, ending now. */
  static Cited<MetricReading> byPod(double... shares) {
    List<Sample> samples = StubPrometheus.every30s(minutesAgo(shares.length), shares);
    return Cited.of(
        new MetricReading(
            "memory_by_pod",
            "q",
            shares[shares.length - 1],
            samples,
            null,
            List.of(new Series(java.util.Map.of("pod", "cart-1"), samples))),
        Optional.of(EvidenceId.number(6)));
  }

  @Test
  void recordsMemoryGrowthFromANeighbourLeakingSlowlyNearItsLimitThatIsStillRising() {
    // a neighbour leaking into its node, near its limit: a little more every sample, not killed
    var o =
        observe(
            List.of(byPod(0.928, 0.929, 0.93, 0.931, 0.932, 0.933, 0.934, 0.937)),
            List.of(),
            List.of());

    Symptom memory = ResourcePressure.memoryGrowth(o).orElseThrow();

    assertThat(memory.evidence()).containsExactly(EvidenceId.of("E6"));
    assertThat(memory.detail())
        .isEqualTo(
            "pod cart-1's working set climbed from 93% to 94% of its limit over 8 samples in one"
                + " run, still rising at its end (threshold 90% of limit)");
  }

  @Test
  void recordsNoMemoryGrowthFromAWorkingSetNearItsLimitThatLevelledOffOrWasReadOnlyBriefly() {
    // a JVM whose heap grew to its -Xmx after a release and stays there: near the limit, no leak
    assertThat(
            ResourcePressure.memoryGrowth(
                observe(
                    List.of(byPod(0.55, 0.7, 0.82, 0.9, 0.93, 0.935, 0.93, 0.935, 0.93, 0.935)),
                    List.of(),
                    List.of())))
        .as("climbed after the release, then level near the limit")
        .isEmpty();
    assertThat(
            ResourcePressure.memoryGrowth(
                observe(List.of(byPod(0.94, 0.941, 0.943)), List.of(), List.of())))
        .as("three samples near the limit: too few for a climb")
        .isEmpty();
    assertThat(
            ResourcePressure.memoryGrowth(
                observe(List.of(byPod(0.96, 0.95)), List.of(), List.of())))
        .as("falling")
        .isEmpty();
    assertThat(ResourcePressure.memoryGrowth(observe(List.of(byPod(0.97)), List.of(), List.of())))
        .as("one reading")
        .isEmpty();
  }

  @Test
  void recordsNoMemoryGrowthFromAPeakOrPodUsageNearTheLimitWithoutAClimb() {
    List<Sample> oomAtStart = StubPrometheus.every30s(minutesAgo(3), 0.5, 0.98, 0.45, 0.99);
    var o =
        observe(
            List.of(reading(4, "memory_ratio", 0.99, oomAtStart)),
            List.of(usage(1, "a", 0.2, (long) (0.95 * GI), 2.0), usage(2, "b", 0.2, GI / 2, 2.0)),
            List.of());

    assertThat(ResourcePressure.memoryGrowth(o)).isEmpty();
  }

  @Test
  void recordsNoMemoryGrowthWellBelowTheLimitAndWithoutGrowth() {
    List<Sample> flat = StubPrometheus.every30s(minutesAgo(3), 0.5, 0.52, 0.5, 0.51);
    var o =
        observe(
            List.of(
                reading(1, "memory_ratio", 0.51, flat),
                reading(2, "memory", 5e8, new ArrayList<>(flat))),
            List.of(usage(3, "a", 0.2, GI / 2, 2.0)),
            List.of());

    assertThat(kinds(o)).doesNotContain(SymptomKind.MEMORY_GROWTH);
  }
}
