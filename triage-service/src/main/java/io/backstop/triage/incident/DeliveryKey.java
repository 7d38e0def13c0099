package io.backstop.triage.incident;

import io.backstop.events.AlertReceived;
import io.backstop.events.alert.AlertStatus;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Identifies one delivery of one alert: source, fingerprint, label set, start and status.
 * Alertmanager HA sends the same alert from each replica, and re-sends firing alerts every repeat
 * interval; all of them get the same key, and so the same event id. Two distinct alerts that share
 * a fingerprint (a sender that reuses one, or a collision) differ in their labels, and so in their
 * key: they never share an event id.
 */
public final class DeliveryKey {

  private DeliveryKey() {}

  public static String of(
      String source,
      String fingerprint,
      Map<String, String> labels,
      Instant startsAt,
      AlertStatus status) {
    return source
        + "|"
        + fingerprint
        + "|"
        + AlertGrouping.hash(canonical(labels))
        + "|"
        + startsAt
        + "|"
        + status.name().toLowerCase(Locale.ROOT);
  }

  public static String of(AlertReceived alert) {
    return of(
        alert.source(), alert.fingerprint(), alert.labels(), alert.startsAt(), alert.status());
  }

  private static String canonical(Map<String, String> labels) {
    StringBuilder out = new StringBuilder();
    new TreeMap<>(labels)
        .forEach(
            (k, v) ->
                out.append(k.length())
                    .append(':')
                    .append(k)
                    .append('=')
                    .append(v.length())
                    .append(':')
                    .append(v)
                    .append(';'));
    return out.toString();
  }
}
