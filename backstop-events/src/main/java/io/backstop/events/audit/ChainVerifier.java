package io.backstop.events.audit;

import io.backstop.events.IncidentEvent;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.id.EventId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Verifies an incident's hash chain and names the first event, in timeline order, that breaks it.
 * Each event must be sealed and its stored hash must match its content; an event with a {@code
 * parentHash} must have its cause in the log, and that hash must be the hash of the cause.
 *
 * <p><b>Redelivered steps.</b> A redelivered step keeps its event id but may get a new {@code
 * occurredAt}, and so a new hash, while a child may have reacted to the earlier version. The child
 * passes when its {@code parentHash} matches <em>any</em> intact stored version of its cause
 * (current or superseded). When no stored version matches, that is a {@link
 * BreakReason#PARENT_HASH_MISMATCH}, even though compaction may have removed the version the child
 * saw: the log can no longer vouch for the link, and the verifier fails closed rather than guess.
 * With transactional stages an uncommitted first version is never visible, so in practice this only
 * arises for an outside producer that re-sent a step.
 *
 * <p>An event whose cause is absent and whose {@code parentHash} is null starts a chain (an alert
 * from outside); with a {@code parentHash} its cause is missing: {@link BreakReason#CAUSE_MISSING}.
 * An event without a {@code parentHash} whose cause is in the log was cut loose from it: {@link
 * BreakReason#PARENT_HASH_MISMATCH}.
 */
public final class ChainVerifier {

  private ChainVerifier() {}

  public static ChainVerification verify(Timeline timeline) {
    Map<EventId, Set<String>> intactHashes = new HashMap<>();
    Stream.concat(timeline.events().stream(), timeline.superseded().stream())
        .filter(EventCodec::intact)
        .forEach(
            e ->
                intactHashes
                    .computeIfAbsent(e.eventId(), k -> new HashSet<>())
                    .add(e.header().hash()));
    Set<EventId> present = new HashSet<>();
    timeline.events().forEach(e -> present.add(e.eventId()));

    int checked = 0;
    for (IncidentEvent event : timeline.events()) {
      checked++;
      ChainBreak broken = check(event, present, intactHashes);
      if (broken != null) {
        return ChainVerification.broken(checked, broken);
      }
    }
    return ChainVerification.intact(checked);
  }

  private static ChainBreak check(
      IncidentEvent event, Set<EventId> present, Map<EventId, Set<String>> intactHashes) {
    if (event.header().hash() == null) {
      return broken(event, BreakReason.UNSEALED, "no hash stored");
    }
    if (!EventCodec.intact(event)) {
      return broken(
          event,
          BreakReason.CONTENT_EDITED,
          "stored hash "
              + shortHash(event.header().hash())
              + " does not match the content, which hashes to "
              + shortHash(EventCodec.hash(event)));
    }
    String parentHash = event.header().parentHash();
    EventId cause = event.header().causationId();
    if (parentHash == null) {
      return present.contains(cause)
          ? broken(
              event,
              BreakReason.PARENT_HASH_MISMATCH,
              "no parentHash although its cause " + cause + " is in the log")
          : null;
    }
    if (!present.contains(cause)) {
      return broken(event, BreakReason.CAUSE_MISSING, "cause " + cause + " is not in the log");
    }
    Set<String> known = intactHashes.getOrDefault(cause, Set.of());
    if (!known.contains(parentHash)) {
      return broken(
          event,
          BreakReason.PARENT_HASH_MISMATCH,
          "parentHash "
              + shortHash(parentHash)
              + " matches none of the "
              + known.size()
              + " intact stored version(s) of cause "
              + cause);
    }
    return null;
  }

  private static ChainBreak broken(IncidentEvent event, BreakReason reason, String detail) {
    return new ChainBreak(event.eventId(), event.eventType(), reason, detail);
  }

  private static String shortHash(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) : hash;
  }
}
