package io.backstop.triage.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A workload's error signal, computed from its request rate by status code: the share of requests
 * answered with a counted code, at each sample time, against the workload's own baseline before the
 * anomaly. The baseline is the 20th percentile of the range, capped at the threshold, so a service
 * that always runs at 3% 404s is not an incident and a fault present for the whole range still is.
 * Which codes count is {@link ErrorCodes}: under {@code auto}, every 5xx and any other non-2xx code
 * whose share was near zero at baseline and is above it now (a jump in 409s or 422s after a deploy
 * is a regression even though no 5xx rose).
 *
 * @param ratio the counted share at each sample time
 * @param counted the codes counted, with the reason for the ones that joined
 * @param baseline the baseline share the excess is measured against
 * @param onset the first sample of the current excursion above baseline plus threshold, or null
 */
public record ErrorSignal(
    List<Sample> ratio, List<String> counted, double baseline, double threshold, Instant onset) {

  /** Fewer samples than this give no baseline: 5 minutes at the default 30s step. */
  static final int MIN_BASELINE_SAMPLES = 10;

  public ErrorSignal {
    ratio = List.copyOf(ratio);
    counted = List.copyOf(counted);
  }

  /** The codes counted, without the reasons ("500", "422"). */
  public List<String> codes() {
    return counted.stream().map(c -> c.split(" ", 2)[0]).toList();
  }

  /** The latest share, or NaN with no sample. */
  public double latest() {
    return ratio.isEmpty() ? Double.NaN : ratio.get(ratio.size() - 1).value();
  }

  /** Whether the latest share exceeds the baseline by more than the threshold. */
  public boolean anomalous() {
    return !ratio.isEmpty() && over(latest());
  }

  public boolean over(double share) {
    return share - baseline > threshold;
  }

  /** The ratio series as excess over baseline (never below zero), for onsets and health. */
  public List<Sample> excess() {
    return ratio.stream().map(s -> new Sample(s.at(), Math.max(0, s.value() - baseline))).toList();
  }

  /**
   * Computes the signal from per-code request-rate series (code → samples, aligned by time).
   *
   * @param nearZero a code's baseline share at or below which it is "near zero"
   */
  public static Optional<ErrorSignal> of(
      Map<String, List<Sample>> byCode, ErrorCodes codes, double threshold, double nearZero) {
    if (byCode.isEmpty()) {
      return Optional.empty();
    }
    TreeMap<Instant, Double> total = new TreeMap<>();
    byCode.values().forEach(samples -> add(total, samples));
    if (total.isEmpty()) {
      return Optional.empty();
    }
    List<String> counted = new ArrayList<>();
    TreeMap<Instant, Double> errors = new TreeMap<>();
    total.keySet().forEach(t -> errors.put(t, 0.0));
    for (String code : new TreeSet<>(byCode.keySet())) {
      List<Sample> share = share(byCode.get(code), total);
      boolean always = codes.always(code);
      double base = baselineOf(share, 1.0);
      double latest = share.isEmpty() ? 0 : share.get(share.size() - 1).value();
      boolean joins = !always && codes.candidate(code) && base <= nearZero && latest > nearZero;
      if (always || joins) {
        counted.add(
            joins ? code + " (" + pct(base) + " at baseline, " + pct(latest) + " now)" : code);
        add(errors, byCode.get(code));
      }
    }
    List<Sample> ratio = share(toSamples(errors), total);
    return Optional.of(fromRatio(ratio, counted, threshold));
  }

  /** The signal of a ready-made ratio series (a custom {@code error_ratio} query). */
  public static ErrorSignal fromRatio(List<Sample> ratio, List<String> counted, double threshold) {
    List<Sample> clean = ratio.stream().filter(s -> !Double.isNaN(s.value())).toList();
    double baseline = baselineOf(clean, threshold);
    Instant onset = Onset.of(excess(clean, baseline), threshold).orElse(null);
    return new ErrorSignal(clean, counted, baseline, threshold, onset);
  }

  /**
   * The 20th percentile of the values, capped at {@code cap}; 0 with fewer than {@link
   * #MIN_BASELINE_SAMPLES} values (no "before" to speak of: every share counts in full).
   */
  static double baselineOf(List<Sample> samples, double cap) {
    List<Double> values =
        samples.stream().map(Sample::value).filter(v -> !Double.isNaN(v)).sorted().toList();
    if (values.size() < MIN_BASELINE_SAMPLES) {
      return 0;
    }
    double p20 = values.get((int) Math.floor((values.size() - 1) * 0.2));
    return Math.min(p20, cap);
  }

  private static List<Sample> excess(List<Sample> ratio, double baseline) {
    return ratio.stream().map(s -> new Sample(s.at(), Math.max(0, s.value() - baseline))).toList();
  }

  private static List<Sample> share(List<Sample> part, TreeMap<Instant, Double> total) {
    List<Sample> out = new ArrayList<>();
    TreeMap<Instant, Double> byTime = new TreeMap<>();
    add(byTime, part);
    for (var t : total.entrySet()) {
      if (t.getValue() > 0) {
        out.add(new Sample(t.getKey(), byTime.getOrDefault(t.getKey(), 0.0) / t.getValue()));
      }
    }
    return out;
  }

  private static void add(TreeMap<Instant, Double> into, Collection<Sample> samples) {
    for (Sample s : samples) {
      if (!Double.isNaN(s.value())) {
        into.merge(s.at(), s.value(), Double::sum);
      }
    }
  }

  private static List<Sample> toSamples(TreeMap<Instant, Double> values) {
    return values.entrySet().stream().map(e -> new Sample(e.getKey(), e.getValue())).toList();
  }

  /** "0.420 (codes 5xx, 422 ...) against a baseline of 0.001". */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%.3f (codes %s) against a baseline of %.3f, threshold %.3f above it",
        latest(),
        counted.isEmpty() ? "none" : String.join(", ", counted),
        baseline,
        threshold);
  }

  private static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }
}
