package io.backstop.triage.evidence;

import io.backstop.events.id.EvidenceId;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.SymptomKind;
import io.backstop.triage.kubernetes.PodUsage;
import io.backstop.triage.metrics.MetricReading;
import io.backstop.triage.metrics.PrometheusSettings;
import io.backstop.triage.metrics.Sample;
import io.backstop.triage.metrics.Series;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The resource symptoms, from Prometheus and from the pods' usage in the metrics API, each compared
 * with the pods' limits:
 *
 * <ul>
 *   <li>SATURATION: CPU above its threshold share of the limit, with no pod crash-looping, and p99
 *       latency above its threshold whenever latency was read (CPU busy while requests stay fast is
 *       not saturation).
 *   <li>MEMORY_GROWTH: a working set climbed within one run of its container: one pod's share of
 *       its limit ({@code memory_by_pod}) or the workload's summed working set ({@code memory})
 *       rose over at least four samples with no fall between them, by the growth factor or (a pod)
 *       to the threshold share of its limit, rising sample after sample, and still rising at the
 *       end of the run (a heap that grew to its configured size after a release and levelled off is
 *       no leak, however near its limit it levels). A leak is a sawtooth: each pod climbs, is
 *       OOMKilled at its limit, restarts low and climbs again, out of phase with the others, so
 *       neither the sum's first and last sample nor a peak near the limit tells it (an OOM at
 *       start, a heap sized past the limit, peaks at the limit too, without a climb). Nearness to
 *       the limit (the peak of {@code memory_ratio}, pods' usage now) is cited beside a climb,
 *       never alone.
 * </ul>
 *
 * A share is only ever computed against a limit that was read; no limit, no symptom.
 */
final class ResourcePressure {

  private ResourcePressure() {}

  static Optional<Symptom> saturation(Observations o) {
    if (o.pods().stream().anyMatch(p -> p.value().crashLooping())) {
      return Optional.empty();
    }
    PrometheusSettings s = o.report().settings();
    double threshold = s.cpuSaturationThreshold();
    List<Optional<EvidenceId>> ids = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    metric(o, PrometheusSettings.CPU)
        .filter(m -> m.value().hasValue() && m.value().latest() > threshold)
        .ifPresent(
            m -> {
              ids.add(m.id());
              seen.add("CPU " + share(m.value().latest()) + " of its limit (Prometheus)");
            });
    List<Cited<PodUsage>> withLimit =
        o.usage().stream().filter(u -> u.value().cpuShare().isPresent()).toList();
    double used = withLimit.stream().mapToDouble(u -> u.value().cpuCores()).sum();
    double limit = withLimit.stream().mapToDouble(u -> u.value().cpuLimitCores()).sum();
    if (limit > 0 && used / limit > threshold) {
      withLimit.forEach(u -> ids.add(u.id()));
      seen.add("CPU " + share(used / limit) + " of its limit across " + withLimit.size() + " pods");
    }
    if (seen.isEmpty()) {
      return Optional.empty();
    }
    Optional<Cited<MetricReading>> latency =
        metric(o, PrometheusSettings.LATENCY_P99).filter(m -> m.value().hasValue());
    if (latency.isPresent() && !(latency.get().value().latest() > s.latencyThresholdSeconds())) {
      return Optional.empty();
    }
    latency.ifPresent(l -> ids.add(l.id()));
    String slow =
        latency
            .map(l -> "p99 latency " + round(l.value().latest()) + "s")
            .orElse("latency not read");
    String detail =
        String.join(", ", seen)
            + " (threshold "
            + share(threshold)
            + "), "
            + slow
            + " (threshold "
            + round(s.latencyThresholdSeconds())
            + "s), no pod crash-looping";
    return Optional.of(
        SymptomRecognizer.symptom(SymptomKind.SATURATION, o, null, ids.stream(), detail));
  }

  static Optional<Symptom> memoryGrowth(Observations o) {
    PrometheusSettings s = o.report().settings();
    List<Optional<EvidenceId>> ids = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    Instant since = null;
    Optional<Cited<MetricReading>> byPod = metric(o, PrometheusSettings.MEMORY_BY_POD);
    Optional<Climb> podClimb =
        byPod.flatMap(
            m -> steepest(m.value().series(), s.memoryGrowthFactor(), s.memoryLimitThreshold()));
    if (podClimb.isPresent()) {
      ids.add(byPod.get().id());
      seen.add(podClimb.get().describe(true));
      since = podClimb.get().from();
    }
    Optional<Cited<MetricReading>> sum = metric(o, PrometheusSettings.MEMORY);
    Optional<Climb> sumClimb =
        sum.flatMap(m -> climb(m.value().range(), "", s.memoryGrowthFactor(), Double.NaN));
    if (sumClimb.isPresent()) {
      ids.add(sum.get().id());
      seen.add(sumClimb.get().describe(false));
      since =
          since == null || sumClimb.get().from().isBefore(since) ? sumClimb.get().from() : since;
    }
    if (seen.isEmpty()) {
      return Optional.empty();
    }
    Optional<Cited<MetricReading>> ratio = metric(o, PrometheusSettings.MEMORY_RATIO);
    OptionalDouble peak = ratio.map(m -> peak(m.value())).orElse(OptionalDouble.empty());
    if (peak.isPresent() && peak.getAsDouble() >= s.memoryLimitThreshold()) {
      ids.add(ratio.get().id());
      seen.add("working set peaked at " + share(peak.getAsDouble()) + " of its limit");
    }
    List<Cited<PodUsage>> full =
        o.usage().stream()
            .filter(u -> u.value().memoryShare().orElse(0.0) >= s.memoryLimitThreshold())
            .toList();
    if (!full.isEmpty()) {
      full.forEach(u -> ids.add(u.id()));
      seen.add(full.size() + " of " + o.usage().size() + " pods use at least the threshold now");
    }
    String detail =
        String.join(", ", seen) + " (threshold " + share(s.memoryLimitThreshold()) + " of limit)";
    return Optional.of(
        SymptomRecognizer.symptom(SymptomKind.MEMORY_GROWTH, o, since, ids.stream(), detail));
  }

  /**
   * A sample that falls below the one before by more than this share of it begins a new run: the
   * container was restarted (a killed leak starts low again), or the pods summed changed.
   */
  static final double RUN_BREAK = 0.10;

  /** The fewest samples of one run that show a climb (three steps up). */
  static final int CLIMB_SAMPLES = 4;

  /** The most steps of a climb to the threshold that may fall (noise around a level is not one). */
  static final double CLIMB_FALLING_STEPS = 0.25;

  /**
   * How steep the end of a climb must still be, as a share of the whole climb's slope, for the
   * working set to be still rising: a leak keeps climbing until it is killed, while a heap that
   * grew to its configured size after a release and levelled off there climbed early and is flat at
   * the end.
   */
  static final double STILL_RISING_SHARE = 0.25;

  /**
   * A working set that climbed within one run of its container: at least {@link #CLIMB_SAMPLES}
   * samples, none below the one before by more than {@link #RUN_BREAK} of it, the last at least
   * {@code factor} times the first, or (a share of the limit) the last above the first and at least
   * {@code threshold} with no more than {@link #CLIMB_FALLING_STEPS} of the steps falling (a slow
   * leak near its limit rises sample after sample; a level that only wobbles there does not), and
   * {@linkplain #stillRising still rising} at the end of the run.
   */
  record Climb(String who, Instant from, double first, double last, int samples) {

    String describe(boolean shareOfLimit) {
      String subject = who.isEmpty() ? "working set" : who + "'s working set";
      String values =
          shareOfLimit
              ? share(first) + " to " + share(last) + " of its limit"
              : String.format(Locale.ROOT, "%.3g to %.3g", first, last);
      return subject
          + " climbed from "
          + values
          + " over "
          + samples
          + " samples in one run, still rising at its end";
    }
  }

  private static final Pattern POD_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

  /** The steepest climb of any series (one per pod), by the rise over its first value. */
  static Optional<Climb> steepest(List<Series> series, double factor, double threshold) {
    Climb best = null;
    for (Series one : series) {
      String pod = one.labels().getOrDefault("pod", "");
      String who = POD_NAME.matcher(pod).matches() ? "pod " + pod : "a pod";
      Optional<Climb> c = climb(one.samples(), who, factor, threshold);
      if (c.isPresent() && (best == null || rise(c.get()) > rise(best))) {
        best = c.get();
      }
    }
    return Optional.ofNullable(best);
  }

  private static double rise(Climb c) {
    return c.last() / c.first();
  }

  /** The steepest climb of one series within one run; {@code threshold} NaN: by the factor only. */
  static Optional<Climb> climb(List<Sample> samples, String pod, double factor, double threshold) {
    Climb best = null;
    int start = 0;
    for (int i = 1; i <= samples.size(); i++) {
      boolean breaks =
          i == samples.size()
              || !(samples.get(i).value() >= samples.get(i - 1).value() * (1 - RUN_BREAK));
      if (!breaks) {
        continue;
      }
      int n = i - start;
      if (n >= CLIMB_SAMPLES) {
        double first = samples.get(start).value();
        double last = samples.get(i - 1).value();
        boolean grew = first > 0 && last / first >= factor;
        boolean filled =
            last >= threshold
                && last > first
                && falling(samples, start, i) <= CLIMB_FALLING_STEPS * (n - 1);
        if ((grew || filled)
            && stillRising(samples, start, i)
            && (best == null || last / first > rise(best))) {
          best = new Climb(pod, samples.get(start).at(), first, last, n);
        }
      }
      start = i;
    }
    return Optional.ofNullable(best);
  }

  /**
   * Whether the run {@code [from, to)} still rises at its end: the mean of its last quarter (at
   * least one sample) rose from the mean of the quarter before it by at least {@link
   * #STILL_RISING_SHARE} of what the run's mean rose per quarter from its first quarter to its
   * last. Means of a quarter, not single samples, so one noisy reading at the end decides nothing.
   * A run that ended in an OOM kill was still rising when it was killed; a plateau is flat at its
   * end.
   */
  static boolean stillRising(List<Sample> samples, int from, int to) {
    int n = to - from;
    int quarter = Math.max(1, (n + 3) / 4);
    double firstQuarter = mean(samples, from, from + quarter);
    double lastQuarter = mean(samples, to - quarter, to);
    double before = mean(samples, Math.max(from, to - 2 * quarter), to - quarter);
    double wholePerQuarter = (lastQuarter - firstQuarter) * quarter / (n - quarter);
    return wholePerQuarter > 0 && lastQuarter - before >= STILL_RISING_SHARE * wholePerQuarter;
  }

  private static double mean(List<Sample> samples, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += samples.get(i).value();
    }
    return sum / (to - from);
  }

  private static int falling(List<Sample> samples, int from, int to) {
    int falls = 0;
    for (int i = from + 1; i < to; i++) {
      if (samples.get(i).value() < samples.get(i - 1).value()) {
        falls++;
      }
    }
    return falls;
  }

  static boolean grewBy(List<Sample> range, double factor) {
    if (range.size() < 3) {
      return false;
    }
    double first = range.get(0).value();
    double last = range.get(range.size() - 1).value();
    return first > 0 && last / first >= factor;
  }

  /** The highest value of the reading: its latest and every sample of its range. */
  static OptionalDouble peak(MetricReading r) {
    Stream<Double> latest = r.hasValue() ? Stream.of(r.latest()) : Stream.empty();
    return Stream.concat(latest, r.range().stream().map(Sample::value))
        .filter(v -> !v.isNaN())
        .mapToDouble(Double::doubleValue)
        .max();
  }

  private static Optional<Cited<MetricReading>> metric(Observations o, String name) {
    return o.metrics().stream().filter(m -> m.value().name().equals(name)).findFirst();
  }

  private static String share(double fraction) {
    return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
  }

  private static String round(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
