package io.backstop.triage.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The anomaly onset of a series: the first sample above the threshold after the last sample at or
 * below it. When the whole range is above, the onset is the range's first sample (it began no later
 * than that); when the latest sample is not above, there is no ongoing anomaly.
 */
public final class Onset {

  private Onset() {}

  public static Optional<Instant> of(List<Sample> samples, double threshold) {
    if (samples.isEmpty() || !(samples.get(samples.size() - 1).value() > threshold)) {
      return Optional.empty();
    }
    Instant onset = samples.get(0).at();
    for (int i = 1; i < samples.size(); i++) {
      if (!(samples.get(i - 1).value() > threshold) && samples.get(i).value() > threshold) {
        onset = samples.get(i).at();
      }
    }
    return Optional.of(onset);
  }

  /** Whether any sample in [from, to) is above the threshold; empty when none fall in it. */
  public static Optional<Boolean> exceededBetween(
      List<Sample> samples, double threshold, Instant from, Instant to) {
    List<Sample> inside =
        samples.stream().filter(s -> !s.at().isBefore(from) && s.at().isBefore(to)).toList();
    if (inside.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(inside.stream().anyMatch(s -> s.value() > threshold));
  }
}
