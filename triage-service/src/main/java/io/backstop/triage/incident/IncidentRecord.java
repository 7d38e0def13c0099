package io.backstop.triage.incident;

import io.backstop.events.id.IncidentId;
import java.time.Instant;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The state of one alert group, as kept on the compacted incidents topic under the group key: the
 * incident it maps to, open or closed, how many deliveries it has taken, and which fingerprints are
 * still firing (a resolved notification for the last one closes the incident).
 */
public record IncidentRecord(
    String groupKey,
    IncidentId incidentId,
    IncidentStatus status,
    Instant openedAt,
    Instant lastSeenAt,
    Instant closedAt,
    long deliveries,
    Set<String> firing) {

  /** Fingerprints kept per incident; a storm of distinct ones beyond this is counted only. */
  public static final int MAX_FINGERPRINTS = 10_000;

  public IncidentRecord {
    firing = firing == null ? Set.of() : firing instanceof Firing own ? own : Set.copyOf(firing);
  }

  public boolean open() {
    return status == IncidentStatus.OPEN;
  }

  IncidentRecord seen(Instant now, Set<String> nowFiring) {
    return new IncidentRecord(
        groupKey, incidentId, status, openedAt, now, closedAt, deliveries + 1, nowFiring);
  }

  IncidentRecord closed(Instant now) {
    return new IncidentRecord(
        groupKey, incidentId, IncidentStatus.CLOSED, openedAt, now, now, deliveries + 1, Set.of());
  }

  Set<String> firingWith(String fingerprint) {
    if (firing.contains(fingerprint) || firing.size() >= MAX_FINGERPRINTS) {
      return firing;
    }
    Set<String> next = new LinkedHashSet<>(firing);
    next.add(fingerprint);
    return new Firing(next);
  }

  Set<String> firingWithout(String fingerprint) {
    Set<String> next = new LinkedHashSet<>(firing);
    next.remove(fingerprint);
    return new Firing(next);
  }

  /**
   * A firing set made here and held by no one else, read-only: the record takes it without a second
   * copy. A storm of distinct alerts copies its group's set once per alert, not twice.
   */
  private static final class Firing extends AbstractSet<String> {
    private final Set<String> fingerprints;

    Firing(Set<String> fingerprints) {
      this.fingerprints = fingerprints;
    }

    @Override
    public boolean contains(Object o) {
      return fingerprints.contains(o);
    }

    @Override
    public Iterator<String> iterator() {
      return Collections.unmodifiableSet(fingerprints).iterator();
    }

    @Override
    public int size() {
      return fingerprints.size();
    }
  }
}
