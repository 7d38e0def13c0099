package io.backstop.events;

import io.backstop.events.id.EventId;
import io.backstop.events.id.IncidentId;
import java.time.Instant;

/**
 * What every event carries. {@code eventId} is derived from causation, stage, step and attempt, so
 * a redelivered step produces the same id. {@code parentHash} is the hash of the causing event
 * (null for the first event of a chain) and {@code hash} is SHA-256 over this event's canonical
 * JSON with {@code hash} left out: editing any past event breaks every hash after it. {@code
 * signature} is present on the events that authorize something (an {@code ActionApproved}, a {@code
 * BreakerReset}): the emitting service's Ed25519 signature over the canonical JSON with {@code
 * hash} and {@code signature} left out ({@link io.backstop.events.signing}); the hash covers it.
 */
public record EventHeader(
    EventId eventId,
    IncidentId incidentId,
    EventId causationId,
    Stage stage,
    Instant occurredAt,
    int attempt,
    String parentHash,
    String hash,
    Signature signature) {

  /** A header without a signature (most events). */
  public EventHeader(
      EventId eventId,
      IncidentId incidentId,
      EventId causationId,
      Stage stage,
      Instant occurredAt,
      int attempt,
      String parentHash,
      String hash) {
    this(eventId, incidentId, causationId, stage, occurredAt, attempt, parentHash, hash, null);
  }

  public EventHeader {
    Require.present(eventId, "header.eventId");
    Require.present(incidentId, "header.incidentId");
    Require.present(causationId, "header.causationId");
    Require.present(stage, "header.stage");
    Require.present(occurredAt, "header.occurredAt");
    if (attempt < 1) {
      throw new Require.InvalidFieldException("header.attempt", "must be >= 1, but was " + attempt);
    }
  }

  /**
   * The header of an event that starts a chain from outside (an alert delivery). The delivery key
   * identifies the delivery, so the same alert delivered twice gets the same event id.
   */
  public static EventHeader first(
      IncidentId incident, String deliveryKey, Stage stage, Instant occurredAt) {
    EventId origin = EventId.external(deliveryKey);
    EventId id = EventId.derive(origin, stage.name(), "AlertReceived", 1);
    return new EventHeader(id, incident, origin, stage, occurredAt, 1, null, null);
  }

  /** The header of an event emitted in reaction to {@code cause}, chained to its hash. */
  public static EventHeader reactingTo(
      IncidentEvent cause,
      Stage stage,
      Class<? extends IncidentEvent> type,
      int attempt,
      Instant occurredAt) {
    EventHeader parent = cause.header();
    EventId id = EventId.derive(parent.eventId(), stage.name(), type.getSimpleName(), attempt);
    return new EventHeader(
        id, parent.incidentId(), parent.eventId(), stage, occurredAt, attempt, parent.hash(), null);
  }

  public EventHeader withHash(String newHash) {
    return new EventHeader(
        eventId,
        incidentId,
        causationId,
        stage,
        occurredAt,
        attempt,
        parentHash,
        newHash,
        signature);
  }

  public EventHeader withIncident(IncidentId incident) {
    return new EventHeader(
        eventId, incident, causationId, stage, occurredAt, attempt, parentHash, hash, signature);
  }

  /** The header signed; the hash is cleared, since it must be computed over the signature. */
  public EventHeader withSignature(Signature newSignature) {
    return new EventHeader(
        eventId,
        incidentId,
        causationId,
        stage,
        occurredAt,
        attempt,
        parentHash,
        null,
        newSignature);
  }
}
