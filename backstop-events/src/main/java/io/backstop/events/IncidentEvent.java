package io.backstop.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.backstop.events.id.EventId;
import io.backstop.events.id.IncidentId;

/**
 * Every fact about an incident. The set is closed: a record of an unknown {@code type} is a named
 * decoding error, never a guess.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = AlertReceived.class, name = "AlertReceived"),
  @JsonSubTypes.Type(value = SignalsGathered.class, name = "SignalsGathered"),
  @JsonSubTypes.Type(value = DiagnosisProposed.class, name = "DiagnosisProposed"),
  @JsonSubTypes.Type(value = DiagnosisRejected.class, name = "DiagnosisRejected"),
  @JsonSubTypes.Type(value = ActionApproved.class, name = "ActionApproved"),
  @JsonSubTypes.Type(value = ActionExecuted.class, name = "ActionExecuted"),
  @JsonSubTypes.Type(value = Escalated.class, name = "Escalated"),
  @JsonSubTypes.Type(value = EscalationDelivered.class, name = "EscalationDelivered"),
  @JsonSubTypes.Type(value = BreakerReset.class, name = "BreakerReset"),
  @JsonSubTypes.Type(value = ApprovalRequested.class, name = "ApprovalRequested"),
  @JsonSubTypes.Type(value = HumanDecision.class, name = "HumanDecision"),
  @JsonSubTypes.Type(value = RequestRefused.class, name = "RequestRefused")
})
public sealed interface IncidentEvent
    permits AlertReceived,
        SignalsGathered,
        DiagnosisProposed,
        DiagnosisRejected,
        ActionApproved,
        ActionExecuted,
        Escalated,
        EscalationDelivered,
        BreakerReset,
        ApprovalRequested,
        HumanDecision,
        RequestRefused {

  EventHeader header();

  /** A copy with another header; used to set the hash when the event is sealed. */
  IncidentEvent withHeader(EventHeader header);

  @JsonIgnore
  default IncidentId incidentId() {
    return header().incidentId();
  }

  @JsonIgnore
  default EventId eventId() {
    return header().eventId();
  }

  /** The name this event goes by on the wire and in CloudEvents' {@code ce_type}. */
  @JsonIgnore
  default String eventType() {
    return getClass().getSimpleName();
  }
}
