package io.backstop.triage.incident;

import io.backstop.events.AlertReceived;
import io.backstop.events.alert.AlertStatus;
import io.backstop.events.id.IncidentId;
import io.backstop.triage.incident.Admission.Outcome;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what one alert delivery means for its group, as a value: open a new incident, attach to
 * the open one, resolve one fingerprint, or close the incident. Pure: the caller loads the group's
 * state and stores the result. An open incident silent for longer than {@code staleAfter} counts as
 * over, so an alert firing again days later is a new incident rather than a forgotten one.
 */
public final class IncidentBook {

  private final GroupingPolicy policy;

  public IncidentBook(GroupingPolicy policy) {
    this.policy = policy;
  }

  public Admission admit(
      Optional<IncidentRecord> current, AlertReceived alert, String groupKey, Instant now) {
    Optional<IncidentRecord> open =
        current.filter(IncidentRecord::open).filter(r -> !stale(r, now));
    if (alert.status() == AlertStatus.RESOLVED) {
      return open.map(r -> resolve(r, alert, now))
          .orElseGet(() -> new Admission(Outcome.UNMATCHED_RESOLVED, null, null, true));
    }
    return open.map(r -> attach(r, alert, now)).orElseGet(() -> opened(alert, groupKey, now));
  }

  private Admission opened(AlertReceived alert, String groupKey, Instant now) {
    IncidentRecord state =
        new IncidentRecord(
            groupKey,
            incidentId(alert, groupKey),
            IncidentStatus.OPEN,
            now,
            now,
            null,
            1,
            Set.of(alert.fingerprint()));
    return new Admission(Outcome.OPENED, state, state.incidentId(), true);
  }

  private Admission attach(IncidentRecord r, AlertReceived alert, Instant now) {
    boolean newFingerprint = !r.firing().contains(alert.fingerprint());
    IncidentRecord next = r.seen(now, r.firingWith(alert.fingerprint()));
    boolean audited =
        (newFingerprint && r.firing().size() < policy.auditedFingerprints())
            || powerOfTwo(next.deliveries());
    return new Admission(Outcome.ATTACHED, next, r.incidentId(), audited);
  }

  private Admission resolve(IncidentRecord r, AlertReceived alert, Instant now) {
    Set<String> still = r.firingWithout(alert.fingerprint());
    if (still.isEmpty()) {
      return new Admission(Outcome.CLOSED, r.closed(now), r.incidentId(), true);
    }
    return new Admission(Outcome.RESOLVED_ONE, r.seen(now, still), r.incidentId(), true);
  }

  private boolean stale(IncidentRecord r, Instant now) {
    return r.lastSeenAt() != null && r.lastSeenAt().plus(policy.staleAfter()).isBefore(now);
  }

  /**
   * The canonical id: readable group part plus a hash of the group key and the opening delivery, so
   * a redelivered opening alert maps to the same incident and a reopened group to a new one.
   */
  static IncidentId incidentId(AlertReceived alert, String groupKey) {
    String readable =
        groupKey
            .replaceAll("[a-z]+=", "")
            .replaceAll("[^A-Za-z0-9]+", "-")
            .replaceAll("^-+|-+$", "")
            .toLowerCase(Locale.ROOT);
    if (readable.length() > 60) {
      readable = readable.substring(0, 60);
    }
    String hash = AlertGrouping.hash(groupKey + "|" + DeliveryKey.of(alert));
    return IncidentId.of("inc-" + (readable.isEmpty() ? "" : readable + "-") + hash);
  }

  private static boolean powerOfTwo(long n) {
    return n > 0 && (n & (n - 1)) == 0;
  }
}
