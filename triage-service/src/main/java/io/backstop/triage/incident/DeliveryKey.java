package io.backstop.triage.incident;

import io.backstop.events.AlertReceived;
import io.backstop.events.alert.AlertStatus;
import java.time.Instant;

/**
 * Identifies one delivery of one alert: source, fingerprint, start and status. Alertmanager HA
 * sends the same alert from each replica, and re-sends firing alerts every repeat interval; all of
 * them get the same key, and so the same event id.
 */
public final class DeliveryKey {

  private DeliveryKey() {}

  public static String of(String source, String fingerprint, Instant startsAt, AlertStatus status) {
    return source + "|" + fingerprint + "|" + startsAt + "|" + status.name().toLowerCase();
  }

  public static String of(AlertReceived alert) {
    return of(alert.source(), alert.fingerprint(), alert.startsAt(), alert.status());
  }
}
