package io.backstop.events;

import io.backstop.events.alert.AlertSeverity;
import io.backstop.events.alert.AlertStatus;
import java.time.Instant;
import java.util.Map;

/**
 * An alert arrived, from Alertmanager's webhook or an outside Kafka producer. {@code
 * duplicateCount} is how many earlier deliveries of the same alert the incident had already seen.
 */
public record AlertReceived(
    EventHeader header,
    String source,
    String fingerprint,
    String groupKey,
    String alertname,
    AlertSeverity severity,
    AlertStatus status,
    Map<String, String> labels,
    Map<String, String> annotations,
    Instant startsAt,
    Instant endsAt,
    String generatorUrl,
    int duplicateCount)
    implements IncidentEvent {

  public AlertReceived {
    Require.present(header, "header");
    Require.text(source, "source");
    Require.text(fingerprint, "fingerprint");
    Require.text(alertname, "alertname");
    Require.present(severity, "severity");
    Require.present(status, "status");
    labels = Require.map(labels);
    annotations = Require.map(annotations);
    Require.present(startsAt, "startsAt");
    Require.nonNegative(duplicateCount, "duplicateCount");
  }

  @Override
  public AlertReceived withHeader(EventHeader newHeader) {
    return new AlertReceived(
        newHeader,
        source,
        fingerprint,
        groupKey,
        alertname,
        severity,
        status,
        labels,
        annotations,
        startsAt,
        endsAt,
        generatorUrl,
        duplicateCount);
  }
}
