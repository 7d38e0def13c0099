package io.backstop.events;

import java.util.List;
import java.util.Map;

/**
 * Every topic name, once. Stage topics are keyed by incident id; the audit topic is compacted and
 * keyed {@code incidentId/eventId}; each input topic has a {@code .dlq} twin for poison records.
 */
public final class Topics {

  public static final String ALERTS = "backstop.alerts.v1";
  public static final String SIGNALS = "backstop.signals.v1";
  public static final String DIAGNOSES = "backstop.diagnoses.v1";
  public static final String DIAGNOSIS_REJECTIONS = "backstop.diagnosis-rejections.v1";
  public static final String ACTIONS = "backstop.actions.v1";
  public static final String OUTCOMES = "backstop.outcomes.v1";
  public static final String ESCALATIONS = "backstop.escalations.v1";
  public static final String DELIVERIES = "backstop.deliveries.v1";
  public static final String CONTROL = "backstop.control.v1";
  public static final String APPROVALS = "backstop.approvals.v1";
  public static final String DECISIONS = "backstop.decisions.v1";
  public static final String AUDIT = "backstop.audit.v1";

  /** Triage's incident and dedup state, compacted, keyed by grouping key. */
  public static final String TRIAGE_INCIDENTS = "backstop.triage-incidents.v1";

  /** Executor's record of applied action ids, compacted, keyed by action id. */
  public static final String EXECUTOR_LEDGER = "backstop.executor-ledger.v1";

  public static final String DLQ_SUFFIX = ".dlq";

  private static final Map<Class<? extends IncidentEvent>, String> STAGE_TOPIC =
      Map.ofEntries(
          Map.entry(AlertReceived.class, ALERTS),
          Map.entry(SignalsGathered.class, SIGNALS),
          Map.entry(DiagnosisProposed.class, DIAGNOSES),
          Map.entry(DiagnosisRejected.class, DIAGNOSIS_REJECTIONS),
          Map.entry(ActionApproved.class, ACTIONS),
          Map.entry(ActionExecuted.class, OUTCOMES),
          Map.entry(Escalated.class, ESCALATIONS),
          Map.entry(EscalationDelivered.class, DELIVERIES),
          Map.entry(BreakerReset.class, CONTROL),
          Map.entry(ApprovalRequested.class, APPROVALS),
          Map.entry(HumanDecision.class, DECISIONS));

  private Topics() {}

  /**
   * The stage topic an event of this type is emitted to. A {@link RequestRefused} has none: it is
   * recorded on the audit topic only.
   */
  public static String stageTopic(IncidentEvent event) {
    return stageTopic(event.getClass());
  }

  public static String stageTopic(Class<? extends IncidentEvent> type) {
    String topic = STAGE_TOPIC.get(type);
    if (topic == null) {
      throw new IllegalArgumentException("no stage topic for event type " + type.getName());
    }
    return topic;
  }

  public static String deadLetter(String topic) {
    return topic + DLQ_SUFFIX;
  }

  /** The key of an event on the audit topic: unique per step, so compaction drops only replays. */
  public static String auditKey(IncidentEvent event) {
    return event.incidentId().value() + "/" + event.eventId().value();
  }

  /** Every topic the system uses, with the settings it must be created with. */
  public static List<TopicSpec> all() {
    List<String> stage =
        List.of(
            ALERTS,
            SIGNALS,
            DIAGNOSES,
            DIAGNOSIS_REJECTIONS,
            ACTIONS,
            OUTCOMES,
            ESCALATIONS,
            DELIVERIES,
            CONTROL,
            APPROVALS,
            DECISIONS);
    var specs = new java.util.ArrayList<TopicSpec>();
    for (String topic : stage) {
      specs.add(TopicSpec.stage(topic));
      specs.add(TopicSpec.deadLetter(deadLetter(topic)));
    }
    specs.add(TopicSpec.compactedForever(AUDIT));
    specs.add(TopicSpec.compactedForever(TRIAGE_INCIDENTS));
    specs.add(TopicSpec.compactedForever(EXECUTOR_LEDGER));
    return List.copyOf(specs);
  }
}
