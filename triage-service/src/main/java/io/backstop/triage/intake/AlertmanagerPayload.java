package io.backstop.triage.intake;

import java.util.List;
import java.util.Map;

/**
 * Alertmanager's webhook body, version 4. {@code truncatedAlerts} is how many alerts Alertmanager
 * left out of this delivery ({@code max_alerts}); they are not lost to us silently: each admitted
 * alert carries the count in the annotation {@code backstop.io/truncated-alerts}.
 */
public record AlertmanagerPayload(
    String version,
    String groupKey,
    Integer truncatedAlerts,
    String status,
    String receiver,
    Map<String, String> groupLabels,
    Map<String, String> commonLabels,
    Map<String, String> commonAnnotations,
    String externalURL,
    List<Alert> alerts) {

  /** One alert of the delivery. */
  public record Alert(
      String status,
      Map<String, String> labels,
      Map<String, String> annotations,
      String startsAt,
      String endsAt,
      String generatorURL,
      String fingerprint) {}
}
