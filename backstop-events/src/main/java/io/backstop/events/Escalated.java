package io.backstop.events;

import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.alert.AlertSeverity;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.events.signal.WorkloadRef;
import java.util.List;

/**
 * A human must take over: the reason code, every verdict that led here, a summary a human can act
 * on and the suggested human action. {@code target} is absent when no workload was identified.
 */
public record Escalated(
    EventHeader header,
    EscalationReason reason,
    AlertSeverity severity,
    WorkloadRef target,
    String summary,
    String suggestedAction,
    List<PolicyVerdict> verdicts)
    implements IncidentEvent {

  public Escalated {
    Require.present(header, "header");
    Require.present(reason, "reason");
    severity = severity == null ? AlertSeverity.CRITICAL : severity;
    Require.text(summary, "summary");
    Require.text(suggestedAction, "suggestedAction");
    verdicts = Require.list(verdicts);
  }

  @Override
  public Escalated withHeader(EventHeader newHeader) {
    return new Escalated(newHeader, reason, severity, target, summary, suggestedAction, verdicts);
  }
}
