package io.backstop.scenario;

import java.time.Duration;
import java.util.Map;

/**
 * The alert that fires for the incident, as Alertmanager would send it: name, severity, labels
 * (always naming {@code namespace} and {@code deployment}), annotations, and how long after the
 * start it fires when a run injects it directly rather than through Prometheus.
 */
public record Alert(
    String alertname,
    String severity,
    Duration after,
    Map<String, String> labels,
    Map<String, String> annotations) {

  public Alert {
    after = after == null ? Duration.ZERO : after;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  public String namespace() {
    return labels.get("namespace");
  }

  public String deployment() {
    return labels.get("deployment");
  }
}
