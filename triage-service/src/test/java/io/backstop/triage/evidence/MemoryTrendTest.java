package io.backstop.triage.evidence;

import static io.backstop.events.fixtures.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.id.EvidenceId;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.SymptomKind;
import io.backstop.triage.metrics.MetricReading;
import io.backstop.triage.metrics.MetricsGatherer;
import io.backstop.triage.metrics.MetricsReport;
import io.backstop.triage.metrics.PrometheusSettings;
import io.backstop.triage.metrics.Sample;
import io.backstop.triage.metrics.Series;
import io.backstop.triage.metrics.StubPrometheus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A leak against an OOM at start, over the real PromQL HTTP path: an hour of 30-second samples as
 * Prometheus returns them, read by {@link MetricsGatherer} and recognised as the service does. Both
 * end in OOM kills at the limit and both peak at the limit; only the leak climbs within a run.
 */
class MemoryTrendTest {

  static final double GI = 1L << 30;
  static final int SAMPLES = 120;
  static final Instant START = NOW.minusSeconds(30L * (SAMPLES - 1));

  /**
   * A leak as a real one looks: each of three pods starts at 35% of its 1Gi limit, gains 2.5% a
   * sample (about 13 minutes from start to the kill), is OOMKilled at the limit and starts low
   * again, the three out of phase as pods started at different times are.
   */
  static Map<String, List<Sample>> leakSawtooth() {
    Map<String, List<Sample>> pods = new LinkedHashMap<>();
    String[] names = {"reco-7d9c8b5f4-a1b2c", "reco-7d9c8b5f4-d3e4f", "reco-7d9c8b5f4-g5h6i"};
    for (int p = 0; p < names.length; p++) {
      List<Sample> samples = new ArrayList<>();
      for (int i = 0; i < SAMPLES; i++) {
        int sinceStart = (i + 9 * p) % 27;
        samples.add(new Sample(at(i), 0.35 + 0.025 * sinceStart));
      }
      pods.put(names[p], samples);
    }
    return pods;
  }

  /**
   * An OOM at start (a runtime that sizes its heap from the node, not the container): the pod on an
   * old node stays flat at 80% of its limit all hour; the two others ran flat at 80% too until,
   * half an hour ago, they were rescheduled onto new nodes, where each start fills the limit at
   * once and is killed, then waits out the kubelet's back-off (no series while it waits).
   */
  static Map<String, List<Sample>> oomAtStart() {
    Map<String, List<Sample>> pods = new LinkedHashMap<>();
    List<Sample> old = new ArrayList<>();
    List<Sample> b = new ArrayList<>();
    List<Sample> c = new ArrayList<>();
    for (int i = 0; i < SAMPLES; i++) {
      double wobble = (i % 3) * 0.005;
      old.add(new Sample(at(i), 0.80 + wobble));
      if (i < 60) {
        b.add(new Sample(at(i), 0.79 + wobble));
        c.add(new Sample(at(i), 0.81 - wobble));
        continue;
      }
      switch (i % 4) {
        case 0 -> b.add(new Sample(at(i), 0.46));
        case 1 -> b.add(new Sample(at(i), 0.99));
        case 2 -> c.add(new Sample(at(i), 0.52));
        default -> c.add(new Sample(at(i), 0.98));
      }
    }
    pods.put("billing-53d770ff3-a1b2c", old);
    pods.put("billing-53d770ff3-t7y9u", b);
    pods.put("billing-53d770ff3-k2m4p", c);
    return pods;
  }

  @Test
  void recognisesALeakFromEachPodsClimbThoughTheSumStaysFlatAndTheRunsAreOutOfPhase()
      throws Exception {
    Map<String, List<Sample>> pods = leakSawtooth();
    List<Sample> sum = sum(pods);
    // why the old reading missed it: three sawtooths out of phase sum to a flat line
    assertThat(ResourcePressure.grewBy(sum, 1.5)).isFalse();

    Observations o = observe(pods, 3);

    Symptom memory = ResourcePressure.memoryGrowth(o).orElseThrow();
    assertThat(memory.detail())
        .startsWith("pod reco-7d9c8b5f4-a1b2c's working set climbed from 35% to 100% of its limit")
        .contains("in one run")
        .contains("working set peaked at 100% of its limit");
    assertThat(memory.since()).isEqualTo(at(0));
    assertThat(kinds(o)).contains(SymptomKind.OOM_KILLED, SymptomKind.MEMORY_GROWTH);
  }

  @Test
  void recordsNoMemoryGrowthForAnOomAtStartThatPeaksAtTheLimitWithoutClimbing() throws Exception {
    Map<String, List<Sample>> pods = oomAtStart();
    // why a peak cannot tell: the kernel kills at the limit, so this series peaks there too
    assertThat(
            ResourcePressure.peak(new MetricReading("r", "q", null, max(pods), null)).getAsDouble())
        .isGreaterThan(0.9);

    Observations o = observe(pods, 2);

    assertThat(ResourcePressure.memoryGrowth(o)).isEmpty();
    assertThat(kinds(o)).contains(SymptomKind.OOM_KILLED).doesNotContain(SymptomKind.MEMORY_GROWTH);
  }

  @Test
  void recognisesTheFirstRunOfALeakBeforeAnyKillFromTheSummedWorkingSet() throws Exception {
    Map<String, List<Sample>> pods = new LinkedHashMap<>();
    List<Sample> one = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      one.add(new Sample(at(SAMPLES - 8 + i), 0.30 + 0.04 * i));
    }
    pods.put("web-5f4d3c2b1-x9y8z", one);

    Observations o = observe(pods, 0);

    Symptom memory = ResourcePressure.memoryGrowth(o).orElseThrow();
    assertThat(memory.detail())
        .contains("pod web-5f4d3c2b1-x9y8z's working set climbed from 30% to 58% of its limit")
        .contains("working set climbed from 3.22e+08 to 6.23e+08 over 8 samples");
  }

  @Test
  void aClimbTooShortBrokenByARestartOrOnlyWobblingIsNoGrowthButASlowRiseToTheLimitIs() {
    List<Sample> three = StubPrometheus.every30s(START, 0.3, 0.6, 0.95);
    List<Sample> broken = StubPrometheus.every30s(START, 0.3, 0.6, 0.3, 0.6, 0.3, 0.95);
    List<Sample> wobblingHigh = StubPrometheus.every30s(START, 0.92, 0.93, 0.92, 0.935, 0.925);
    List<Sample> slowLeakNearLimit =
        StubPrometheus.every30s(START, 0.91, 0.915, 0.915, 0.92, 0.93, 0.93);
    List<Sample> climbing = StubPrometheus.every30s(START, 0.7, 0.78, 0.77, 0.85, 0.93);

    assertThat(ResourcePressure.climb(three, "p", 1.5, 0.9)).isEmpty();
    assertThat(ResourcePressure.climb(broken, "p", 1.5, 0.9)).isEmpty();
    assertThat(ResourcePressure.climb(wobblingHigh, "p", 1.5, 0.9)).isEmpty();
    assertThat(ResourcePressure.climb(slowLeakNearLimit, "p", 1.5, 0.9))
        .hasValueSatisfying(c -> assertThat(c.samples()).isEqualTo(6));
    assertThat(ResourcePressure.climb(climbing, "p", 1.5, 0.9))
        .hasValueSatisfying(c -> assertThat(c.samples()).isEqualTo(5));
    assertThat(ResourcePressure.climb(climbing, "p", 1.5, Double.NaN)).isEmpty();
  }

  @Test
  void aClimbThatLevelledOffIsNoLeakHoweverFarItRoseButOneThatKeepsRisingIs() {
    // a JVM heap growing to its -Xmx after a release, then level: doubled, but flat at its end
    List<Sample> heapPlateau =
        StubPrometheus.every30s(
            START, 0.3, 0.42, 0.53, 0.62, 0.68, 0.71, 0.72, 0.72, 0.725, 0.72, 0.72, 0.725);
    // the same climb still rising at a steady pace: a leak
    List<Sample> leak =
        StubPrometheus.every30s(START, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75);
    // a leak with noise: one low reading at the end decides nothing, the quarter's mean does
    List<Sample> noisyLeak =
        StubPrometheus.every30s(START, 0.3, 0.36, 0.39, 0.46, 0.5, 0.57, 0.6, 0.67, 0.72, 0.69);
    // rising fast, then slowing to a crawl: what is left at the end is too little to be a leak
    List<Sample> slowingToAStop =
        StubPrometheus.every30s(START, 0.2, 0.4, 0.55, 0.6, 0.61, 0.612, 0.613, 0.614);

    assertThat(ResourcePressure.climb(heapPlateau, "p", 1.5, 0.9)).isEmpty();
    assertThat(ResourcePressure.stillRising(heapPlateau, 0, heapPlateau.size())).isFalse();
    assertThat(ResourcePressure.climb(leak, "p", 1.5, 0.9))
        .hasValueSatisfying(c -> assertThat(c.samples()).isEqualTo(10));
    assertThat(ResourcePressure.climb(noisyLeak, "p", 1.5, 0.9)).isPresent();
    assertThat(ResourcePressure.climb(slowingToAStop, "p", 1.5, 0.9)).isEmpty();
  }

  @Test
  void recordsNoMemoryGrowthForAHeapThatGrewAfterAReleaseAndLevelledOffNearItsLimit()
      throws Exception {
    // every pod of a JVM service restarted by a release half an hour ago: each heap grows to its
    // -Xmx (92% of the container limit) within minutes and stays there; no pod is killed
    Map<String, List<Sample>> pods = new LinkedHashMap<>();
    String[] names = {"payments-6c8d7b9f5-a1b2c", "payments-6c8d7b9f5-d3e4f"};
    for (int p = 0; p < names.length; p++) {
      List<Sample> samples = new ArrayList<>();
      for (int i = 0; i < SAMPLES; i++) {
        if (i < 60) {
          samples.add(new Sample(at(i), 0.35 + (i % 3) * 0.004));
          continue;
        }
        double grown = Math.min(0.92, 0.25 + 0.04 * (i - 60 + p));
        samples.add(new Sample(at(i), grown + (i % 2) * 0.003));
      }
      pods.put(names[p], samples);
    }

    Observations o = observe(pods, 0);

    assertThat(ResourcePressure.memoryGrowth(o)).isEmpty();
    assertThat(kinds(o)).doesNotContain(SymptomKind.MEMORY_GROWTH);
  }

  @Test
  void readsEachNeighboursPodsFromOneNamespaceQueryAtTheMemoryTrendStep() throws Exception {
    try (var prometheus = new StubPrometheus()) {
      List<Series> series = new ArrayList<>();
      leakSawtooth()
          .forEach(
              (pod, samples) ->
                  series.add(new Series(Map.of("deployment", "reco", "pod", pod), samples)));
      oomAtStart()
          .forEach(
              (pod, samples) ->
                  series.add(new Series(Map.of("deployment", "billing", "pod", pod), samples)));
      prometheus.series("max by (deployment, pod)", series);
      var settings =
          new PrometheusSettings(
              prometheus.url(),
              java.time.Duration.ofSeconds(3),
              java.time.Duration.ofHours(1),
              java.time.Duration.ofSeconds(30),
              null,
              0.05,
              1.0,
              0.9,
              1.5,
              0.9,
              java.time.Duration.ZERO,
              "auto",
              0.01,
              null,
              null,
              null,
              java.time.Duration.ofSeconds(1));

      var namespace =
          new MetricsGatherer(settings, Fixtures.CLOCK)
              .gatherNamespace(
                  "shop",
                  d -> settings.defaultErrorCodes(),
                  NOW,
                  io.backstop.triage.metrics.QueryBudget.unbounded());

      assertThat(namespace.of("reco").orElseThrow().podMemory()).hasSize(3);
      assertThat(
              ResourcePressure.steepest(namespace.of("reco").orElseThrow().podMemory(), 1.5, 0.9))
          .isPresent();
      assertThat(namespace.of("billing").orElseThrow().podMemory()).hasSize(3);
      assertThat(
              ResourcePressure.steepest(
                  namespace.of("billing").orElseThrow().podMemory(), 1.5, 0.9))
          .isEmpty();
      assertThat(prometheus.requests())
          .filteredOn(f -> f.getOrDefault("query", "").contains("max by (deployment, pod)"))
          .singleElement()
          .satisfies(f -> assertThat(f.get("step")).isEqualTo("1s"));
      assertThat(prometheus.requests())
          .filteredOn(f -> !f.getOrDefault("query", "").contains("max by (deployment, pod)"))
          .isNotEmpty()
          .allSatisfy(f -> assertThat(f.get("step")).isEqualTo("30s"));
    }
  }

  /** Serves the pods' series as Prometheus would and reads them as triage does. */
  private static Observations observe(Map<String, List<Sample>> pods, int oomKilled)
      throws Exception {
    try (var prometheus = new StubPrometheus()) {
      List<Series> byPod = new ArrayList<>();
      pods.forEach(
          (pod, samples) ->
              byPod.add(new Series(Map.of("pod", pod, "namespace", "shop"), samples)));
      List<Sample> ratio = max(pods);
      List<Sample> bytes = sum(pods).stream().map(s -> new Sample(s.at(), s.value() * GI)).toList();
      prometheus
          .series("max by (pod) (container_memory_working_set_bytes", byPod)
          .range("max(container_memory_working_set_bytes", ratio)
          .value("max(container_memory_working_set_bytes", ratio.get(ratio.size() - 1).value())
          .range("sum(container_memory_working_set_bytes", bytes)
          .value("sum(container_memory_working_set_bytes", bytes.get(bytes.size() - 1).value())
          .value("reason=\"OOMKilled\"", oomKilled);
      MetricsReport report =
          new MetricsGatherer(PrometheusSettings.at(prometheus.url()), Fixtures.CLOCK)
              .gather("shop", "checkout", NOW);
      List<Cited<MetricReading>> metrics = new ArrayList<>();
      for (MetricReading r : report.readings()) {
        metrics.add(Cited.of(r, Optional.of(EvidenceId.number(metrics.size() + 1))));
      }
      return new Observations(
          Signals.CHECKOUT,
          NOW,
          NOW.minusSeconds(60),
          List.of(),
          List.of(),
          List.of(),
          metrics,
          report,
          List.of());
    }
  }

  private static List<SymptomKind> kinds(Observations o) {
    return new SymptomRecognizer().recognise(o).stream().map(Symptom::kind).toList();
  }

  private static Instant at(int i) {
    return START.plusSeconds(30L * i);
  }

  private static List<Sample> sum(Map<String, List<Sample>> pods) {
    return fold(pods, Double::sum);
  }

  private static List<Sample> max(Map<String, List<Sample>> pods) {
    return fold(pods, Math::max);
  }

  private static List<Sample> fold(
      Map<String, List<Sample>> pods, java.util.function.BinaryOperator<Double> op) {
    TreeMap<Instant, Double> byTime = new TreeMap<>();
    pods.values().forEach(l -> l.forEach(s -> byTime.merge(s.at(), s.value(), op)));
    return byTime.entrySet().stream().map(e -> new Sample(e.getKey(), e.getValue())).toList();
  }
}
