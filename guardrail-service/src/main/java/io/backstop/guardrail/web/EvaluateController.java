package io.backstop.guardrail.web;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.SignalsGathered;
import io.backstop.guardrail.review.ProposalReviewer;
import io.backstop.safety.Guardrails;
import io.backstop.safety.review.Decision;
import io.backstop.safety.review.Evaluation;
import java.time.Clock;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What-if: judges {@code {"signals": <SignalsGathered>, "diagnosis": <DiagnosisProposed>}} through
 * exactly the production path (same review, same policy file, the incident's current budget and the
 * breakers) without emitting anything or changing any state, so a recorded incident can be
 * re-judged under a new policy. With {@code "prior": [events...]} it judges against that stated
 * past instead (the incident's earlier actions and re-routes, the namespace's recent writes), so
 * budget, loop and breaker rules can be tried. Bad JSON is a 400 problem naming the field.
 */
@RestController
public class EvaluateController {

  private final ProposalReviewer reviewer;
  private final Guardrails guardrails;
  private final Clock clock;

  public EvaluateController(ProposalReviewer reviewer, Guardrails guardrails, Clock clock) {
    this.reviewer = reviewer;
    this.guardrails = guardrails;
    this.clock = clock;
  }

  @PostMapping(
      path = "/api/v1/evaluate",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public Evaluation evaluate(@RequestBody String body) {
    EvaluationRequest request = EvaluationRequest.parse(body);
    SignalsGathered signals = request.signals();
    DiagnosisProposed diagnosis = request.diagnosis();
    ProposalReviewer judge =
        request
            .prior()
            .map(history -> ProposalReviewer.withHistory(guardrails, history, clock))
            .orElse(reviewer);
    Decision decision = judge.decide(signals, diagnosis);
    return Evaluation.of(decision);
  }
}
