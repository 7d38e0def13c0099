package io.backstop.guardrail.messaging;

import io.backstop.events.ActionExecuted;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.HumanDecision;
import io.backstop.events.IncidentEvent;
import io.backstop.guardrail.approval.ApprovalBook;
import io.backstop.guardrail.approval.ApprovalDesk;
import io.backstop.guardrail.review.OutcomeRecorder;
import io.backstop.guardrail.review.ProposalReviewer;
import io.backstop.guardrail.state.GuardrailState;
import io.backstop.stream.EventPublisher;
import io.backstop.stream.Inbound;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * One function bean per hop, each reading its input through {@link Inbound}. An unreadable record
 * is poison, which the binder sends to {@code <topic>.dlq}; a proposal whose seal is broken
 * (unsealed, or a hash chain that does not verify over the bytes as received) is escalated unjudged
 * by the reviewer; a decision or an outcome with a broken seal is poison. Each calls the review or
 * the recorder, and publishes what they return through the transactional {@link EventPublisher};
 * the published event is then applied to the state, so live state equals what a replay would build.
 */
@Configuration(proxyBeanMethods = false)
public class GuardrailFunctions {

  /**
   * DiagnosisProposed in; DiagnosisRejected, ActionApproved, ApprovalRequested or Escalated out,
   * always one.
   */
  @Bean
  Consumer<Message<byte[]>> reviewProposal(
      ProposalReviewer reviewer,
      EventPublisher publisher,
      GuardrailState state,
      ApprovalBook approvals) {
    return message -> {
      IncidentEvent published =
          publisher.publish(
              reviewer.review(
                  Inbound.receive(message, DiagnosisProposed.class, Inbound.Seal.REQUIRED)));
      state.apply(published);
      approvals.apply(published);
    };
  }

  /**
   * HumanDecision in (read through {@link Inbound}: unsealed or edited is poison); an
   * ActionApproved naming its approvers, an Escalated (denied, expired, blocked on the re-check), a
   * RequestRefused on the audit, or nothing yet (an approval still short of its quorum) out.
   */
  @Bean
  Consumer<Message<byte[]>> decideApproval(ApprovalDesk desk) {
    return message -> desk.decide(Inbound.read(message, HumanDecision.class));
  }

  /** ActionExecuted in; the budget and breaker updated; Escalated out when the breaker trips. */
  @Bean
  Consumer<Message<byte[]>> recordOutcome(
      OutcomeRecorder recorder, EventPublisher publisher, GuardrailState state) {
    return message -> {
      ActionExecuted outcome = Inbound.read(message, ActionExecuted.class);
      recorder.record(outcome).map(publisher::publish).ifPresent(state::apply);
    };
  }
}
