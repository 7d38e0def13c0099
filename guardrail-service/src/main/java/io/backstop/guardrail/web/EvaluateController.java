package io.backstop.guardrail.web;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.SignalsGathered;
import io.backstop.guardrail.review.ProposalReviewer;
import io.backstop.safety.review.Decision;
import io.backstop.safety.review.Evaluation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What-if: judges {@code {"signals": <SignalsGathered>, "diagnosis": <DiagnosisProposed>}} through
 * exactly the production path (same review, same policy file, the incident's current budget and the
 * breakers) without emitting anything or changing any state, so a recorded incident can be
 * re-judged under a new policy. Bad JSON is a 400 problem naming the field.
 */
@RestController
public class EvaluateController {

  private final ProposalReviewer reviewer;

  public EvaluateController(ProposalReviewer reviewer) {
    this.reviewer = reviewer;
  }

  @PostMapping(
      path = "/api/v1/evaluate",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public Evaluation evaluate(@RequestBody String body) {
    EvaluationRequest request = EvaluationRequest.parse(body);
    SignalsGathered signals = request.signals();
    DiagnosisProposed diagnosis = request.diagnosis();
    Decision decision = reviewer.decide(signals, diagnosis);
    return Evaluation.of(decision);
  }
}
