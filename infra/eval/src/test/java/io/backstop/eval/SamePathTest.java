package io.backstop.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.eval.corpus.CaseProposals;
import io.backstop.eval.corpus.CaseSignals;
import io.backstop.eval.corpus.Corpus;
import io.backstop.eval.corpus.CorpusLoader;
import io.backstop.eval.corpus.EvalCase;
import io.backstop.eval.corpus.ModelOutput;
import io.backstop.eval.run.Evaluator;
import io.backstop.events.ActionApproved;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.DiagnosisRejected;
import io.backstop.events.Escalated;
import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.safety.policy.PolicyBook;
import io.backstop.safety.review.Decision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The evaluation's decision is the live guardrail's: for every output of the corpus, the event the
 * guardrail's Kafka consumer would emit ({@code ProposalReviewer.review}, integrity check included)
 * says the same as the decision the evaluation scored.
 */
class SamePathTest {

  private static final Evaluator EVALUATOR = new Evaluator(PolicyBook.loadDefault());

  static Stream<Arguments> outputs() {
    Corpus corpus = CorpusLoader.load(Path.of("").toAbsolutePath());
    List<Arguments> all = new ArrayList<>();
    for (EvalCase c : corpus.cases()) {
      for (ModelOutput o : c.outputs()) {
        all.add(Arguments.of(c.id() + "/" + o.name(), c, o));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outputs")
  void theConsumersEventSaysWhatTheEvaluationDecided(String name, EvalCase c, ModelOutput o) {
    SignalsGathered signals = CaseSignals.signals(c);
    DiagnosisProposed proposal = CaseProposals.proposal(c, o, signals);

    Decision scored = EVALUATOR.decide(c, proposal);
    IncidentEvent emitted = EVALUATOR.reviewer(c, signals).review(proposal);

    switch (scored.outcome()) {
      case APPROVE -> {
        assertThat(emitted).isInstanceOf(ActionApproved.class);
        assertThat(((ActionApproved) emitted).action()).isEqualTo(scored.action());
        assertThat(((ActionApproved) emitted).preconditions()).isEqualTo(scored.preconditions());
      }
      case ESCALATE -> {
        if (scored.humanApproval().isPresent()) {
          // Every hard rule held: a person is asked to approve the exact write instead.
          assertThat(emitted).isInstanceOf(io.backstop.events.ApprovalRequested.class);
          var asked = (io.backstop.events.ApprovalRequested) emitted;
          assertThat(asked.reason()).isEqualTo(scored.escalationReason());
          assertThat(asked.action()).isEqualTo(scored.humanApproval().get().action());
        } else {
          assertThat(emitted).isInstanceOf(Escalated.class);
          assertThat(((Escalated) emitted).reason()).isEqualTo(scored.escalationReason());
        }
      }
      case REJECT_REROUTE -> {
        assertThat(emitted).isInstanceOf(DiagnosisRejected.class);
        assertThat(((DiagnosisRejected) emitted).nextTier()).isEqualTo(scored.nextTier());
      }
    }
  }
}
