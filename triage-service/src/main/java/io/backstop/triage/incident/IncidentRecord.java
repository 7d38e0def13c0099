package io.backstop.triage.incident;

import io.backstop.events.id.IncidentId;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The state of one alert group, as kept on the compacted incidents topic under the group key: the
 * incident it maps to, open or closed, how many deliveries it has taken, and which fingerprints are
 * still firing (a resolved notification for the last one closes the incident), in the order they
 * first fired, which a restart reads back.
 */
public record IncidentRecord(
    String groupKey,
    IncidentId incidentId,
    IncidentStatus status,
    Instant openedAt,
    Instant lastSeenAt,
    Instant closedAt,
    long deliveries,
    @JsonDeserialize(as = LinkedHashSet.class) Set<String> firing) {

  /** Fingerprints kept per incident; a storm of distinct ones beyond this is counted only. */
  public static final int MAX_FINGERPRINTS = 10_000;

  public IncidentRecord {
    firing = FiringSet.of(firing == null ? Set.of() : firing);
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

  /** The firing set with {@code fingerprint}, up to {@link #MAX_FINGERPRINTS}; O(1), no copy. */
  Set<String> firingWith(String fingerprint) {
    if (firing.contains(fingerprint) || firing.size() >= MAX_FINGERPRINTS) {
      return firing;
    }
    return FiringSet.of(firing).with(fingerprint);
  }

  /** The firing set without {@code fingerprint}; O(1) amortised, no copy. */
  Set<String> firingWithout(String fingerprint) {
    return FiringSet.of(firing).without(fingerprint);
  }
}
