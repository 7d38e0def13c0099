package io.backstop.eval.whatif;

import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.id.IncidentId;
import io.backstop.safety.review.Outcome;
import java.time.Instant;
import java.util.List;

/**
 * One recorded decision that another policy file would change: what was decided and what would be,
 * and the verdicts that make the difference (failing now but not then, or then but not now).
 */
public record Change(
    IncidentId incident,
    Instant at,
    String answeredBy,
    Outcome was,
    ApprovedAction wasAction,
    Outcome wouldBe,
    ApprovedAction wouldBeAction,
    List<PolicyVerdict> nowFailing,
    List<PolicyVerdict> noLongerFailing) {

  public Change {
    nowFailing = List.copyOf(nowFailing);
    noLongerFailing = List.copyOf(noLongerFailing);
  }
}
