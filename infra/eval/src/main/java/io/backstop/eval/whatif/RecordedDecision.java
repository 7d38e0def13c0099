package io.backstop.eval.whatif;

import io.backstop.events.ActionApproved;
import io.backstop.events.DiagnosisRejected;
import io.backstop.events.Escalated;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Stage;
import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.safety.review.Outcome;
import java.util.List;
import java.util.Optional;

/** The decision the guardrail recorded for one proposal, read back from the event it emitted. */
public record RecordedDecision(
    Outcome outcome, ApprovedAction action, List<PolicyVerdict> verdicts, IncidentEvent event) {

  /** The guardrail's decision event for this proposal, or empty when none was recorded. */
  public static Optional<RecordedDecision> of(IncidentEvent event) {
    if (event.header().stage() != Stage.GUARDRAIL) {
      return Optional.empty();
    }
    if (event instanceof ActionApproved a) {
      return Optional.of(new RecordedDecision(Outcome.APPROVE, a.action(), a.verdicts(), event));
    }
    if (event instanceof Escalated e) {
      return Optional.of(new RecordedDecision(Outcome.ESCALATE, null, e.verdicts(), event));
    }
    if (event instanceof DiagnosisRejected r) {
      return Optional.of(new RecordedDecision(Outcome.REJECT_REROUTE, null, r.failures(), event));
    }
    return Optional.empty();
  }
}
