package io.backstop.guardrail.messaging;

import io.backstop.events.ActionExecuted;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.HumanDecision;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Topics;
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
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * The guardrail's one function bean, {@code guard}, bound to its three inputs (proposals, people's
 * decisions, executor outcomes) through one binding, so that Kafka's range assignor gives one
 * instance partition p of all three: the owner of a namespace's breaker ({@link Ownership}). Each
 * record goes to its hop by the topic it came from, and each hop reads its input through {@link
 * Inbound}. An unreadable record is poison, which the binder sends to {@code <topic>.dlq}; a
 * proposal whose seal is broken is escalated unjudged by the reviewer; a decision or an outcome
 * with a broken seal is poison. Each hop publishes what the review, the desk or the recorder
 * returns through the transactional {@link EventPublisher}; the published event is then applied to
 * the state, so live state equals what a replay would build.
 */
@Configuration(proxyBeanMethods = false)
public class GuardrailFunctions {

  @Bean
  Consumer<Message<byte[]>> guard(
      ProposalReviewer reviewer,
      EventPublisher publisher,
      GuardrailState state,
      ApprovalBook approvals,
      ApprovalDesk desk,
      OutcomeRecorder recorder) {
    return message -> {
      String topic = message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC, String.class);
      if (Topics.DIAGNOSES.equals(topic)) {
        reviewProposal(message, reviewer, publisher, state, approvals);
      } else if (Topics.DECISIONS.equals(topic)) {
        state.ensureCurrent();
        desk.decide(Inbound.read(message, HumanDecision.class));
      } else if (Topics.OUTCOMES.equals(topic)) {
        state.ensureCurrent();
        recordOutcome(message, recorder, publisher, state);
      } else {
        throw new IllegalArgumentException("the guardrail does not read topic " + topic);
      }
    };
  }

  /**
   * DiagnosisProposed in; DiagnosisRejected, ActionApproved, ApprovalRequested or Escalated out,
   * always one (the reviewer brings the state up to date first, and escalates if it cannot).
   */
  static void reviewProposal(
      Message<byte[]> message,
      ProposalReviewer reviewer,
      EventPublisher publisher,
      GuardrailState state,
      ApprovalBook approvals) {
    IncidentEvent published =
        publisher.publish(
            reviewer.review(
                Inbound.receive(message, DiagnosisProposed.class, Inbound.Seal.REQUIRED)));
    state.apply(published);
    approvals.apply(published);
  }

  /** ActionExecuted in; the budget and breaker updated; Escalated out when the breaker trips. */
  static void recordOutcome(
      Message<byte[]> message,
      OutcomeRecorder recorder,
      EventPublisher publisher,
      GuardrailState state) {
    ActionExecuted outcome = Inbound.read(message, ActionExecuted.class);
    recorder.record(outcome).map(publisher::publish).ifPresent(state::apply);
  }
}
