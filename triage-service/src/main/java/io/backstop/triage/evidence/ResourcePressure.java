package io.backstop.triage.evidence;

import io.backstop.events.id.EvidenceId;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.SymptomKind;
import io.backstop.triage.kubernetes.PodUsage;
import io.backstop.triage.metrics.MetricReading;
import io.backstop.triage.metrics.PrometheusSettings;
import io.backstop.triage.metrics.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * The resource symptoms, from Prometheus and from the pods' usage in the metrics API, each compared
 * with the pods' limits:
 *
 * <ul>
 *   <li>SATURATION: CPU above its threshold share of the limit, with no pod crash-looping, and p99
 *       latency above its threshold whenever latency was read (CPU busy while requests stay fast is
 *       not saturation).
 *   <li>MEMORY_GROWTH: the working set grew by the growth factor over the range, or came within the
 *       threshold share of its memory limit (the peak of the range counts, as a leaking pod is
 *       OOMKilled and starts low again).
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
    Optional<Cited<MetricReading>> grown =
        metric(o, PrometheusSettings.MEMORY)
            .filter(m -> grewBy(m.value().range(), s.memoryGrowthFactor()));
    if (grown.isPresent()) {
      ids.add(grown.get().id());
      seen.add("working set grew by a factor of at least " + s.memoryGrowthFactor());
      since = grown.get().value().range().get(0).at();
    }
    Optional<Cited<MetricReading>> ratio = metric(o, PrometheusSettings.MEMORY_RATIO);
    OptionalDouble peak = ratio.map(m -> peak(m.value())).orElse(OptionalDouble.empty());
    if (peak.isPresent() && peak.getAsDouble() >= s.memoryLimitThreshold()) {
      ids.add(ratio.get().id());
      seen.add("working set peaked at " + share(peak.getAsDouble()) + " of its limit");
      Instant first = firstAtOrAbove(ratio.get().value().range(), s.memoryLimitThreshold());
      since = since != null ? since : first;
    }
    List<Cited<PodUsage>> full =
        o.usage().stream()
            .filter(u -> u.value().memoryShare().orElse(0.0) >= s.memoryLimitThreshold())
            .toList();
    if (!full.isEmpty()) {
      full.forEach(u -> ids.add(u.id()));
      seen.add(full.size() + " of " + o.usage().size() + " pods use at least the threshold now");
    }
    if (seen.isEmpty()) {
      return Optional.empty();
    }
    String detail =
        String.join(", ", seen) + " (threshold " + share(s.memoryLimitThreshold()) + " of limit)";
    return Optional.of(
        SymptomRecognizer.symptom(SymptomKind.MEMORY_GROWTH, o, since, ids.stream(), detail));
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

  private static Instant firstAtOrAbove(List<Sample> range, double threshold) {
    return range.stream()
        .filter(x -> x.value() >= threshold)
        .map(Sample::at)
        .findFirst()
        .orElse(null);
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
