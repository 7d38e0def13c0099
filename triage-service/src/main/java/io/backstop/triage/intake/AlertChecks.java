package io.backstop.triage.intake;

import io.backstop.events.AlertReceived;
import java.time.Instant;

/**
 * The checks every alert passes before it is admitted, whichever way it came: through the webhook
 * (after parsing) or as an {@code AlertReceived} put on the alerts topic by an outside producer,
 * which no webhook parsing has seen. Each failure is an {@link InvalidAlertException} naming the
 * field: the webhook answers 400 with it, the topic consumer dead-letters the record with it.
 */
public final class AlertChecks {

  private final IntakeLimits limits;
  private final FieldChecks fields;

  public AlertChecks(IntakeLimits limits) {
    this.limits = limits;
    this.fields = new FieldChecks(limits);
  }

  /** Returns the alert when it is within every limit; throws naming the first field that is not. */
  public AlertReceived check(AlertReceived alert, Instant now) {
    fields.bounded("source", alert.source());
    fields.bounded("fingerprint", alert.fingerprint());
    fields.bounded("alertname", alert.alertname());
    if (alert.groupKey() != null) {
      fields.bounded("groupKey", alert.groupKey());
    }
    if (alert.generatorUrl() != null) {
      fields.bounded("generatorUrl", alert.generatorUrl());
    }
    fields.labels("labels", alert.labels());
    fields.map("annotations", alert.annotations());
    times("", alert.startsAt(), alert.endsAt(), now);
    return alert;
  }

  /** Start and end within the bounds; {@code at} is the JSON path prefix of the alert. */
  void times(String at, Instant startsAt, Instant endsAt, Instant now) {
    Instant earliest = now.minus(limits.maxAlertAge());
    Instant latest = now.plus(limits.maxClockSkew());
    if (startsAt.isBefore(earliest) || startsAt.isAfter(latest)) {
      throw new InvalidAlertException(
          at + "startsAt",
          "must be between "
              + earliest
              + " ("
              + limits.maxAlertAge()
              + " ago) and "
              + latest
              + ", but was "
              + startsAt);
    }
    if (endsAt != null) {
      Instant endLimit = now.plus(IntakeLimits.MAX_END_AHEAD);
      if (endsAt.isBefore(startsAt) || endsAt.isAfter(endLimit)) {
        throw new InvalidAlertException(
            at + "endsAt",
            "must be between startsAt (" + startsAt + ") and " + endLimit + ", but was " + endsAt);
      }
    }
  }
}
