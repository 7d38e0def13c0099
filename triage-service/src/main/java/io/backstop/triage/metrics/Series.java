package io.backstop.triage.metrics;

import java.util.List;
import java.util.Map;

/** One series of a Prometheus result: its labels and its samples (one for an instant query). */
public record Series(Map<String, String> labels, List<Sample> samples) {

  public Series {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    samples = samples == null ? List.of() : List.copyOf(samples);
  }

  public double last() {
    return samples.isEmpty() ? Double.NaN : samples.get(samples.size() - 1).value();
  }
}
