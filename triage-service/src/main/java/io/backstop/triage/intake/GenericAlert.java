package io.backstop.triage.intake;

import java.util.Map;

/**
 * The generic JSON form of one alert, for sources other than Alertmanager. Required: {@code
 * source}, {@code alertname}, {@code status} ({@code firing} or {@code resolved}). Optional: {@code
 * severity} (mapped like Alertmanager's label), {@code fingerprint} (derived from the sorted labels
 * when absent), {@code labels} (give {@code namespace} and {@code deployment} to name the
 * workload), {@code annotations}, {@code startsAt} (now when absent), {@code endsAt}, {@code
 * generatorUrl}.
 */
public record GenericAlert(
    String source,
    String alertname,
    String severity,
    String status,
    String fingerprint,
    Map<String, String> labels,
    Map<String, String> annotations,
    String startsAt,
    String endsAt,
    String generatorUrl) {}
