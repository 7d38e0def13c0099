package io.backstop.guardrail.messaging;

import io.backstop.events.ActionExecuted;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.IncidentEvent;
import io.backstop.events.codec.EventCodec;
import io.backstop.guardrail.review.OutcomeRecorder;
import io.backstop.guardrail.review.ProposalReviewer;
import io.backstop.guardrail.state.GuardrailState;
import io.backstop.stream.EventPublisher;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * One function bean per hop. Each decodes strictly (an unreadable record is an {@code
 * EventDecodingException}, which the binder sends to {@code <topic>.dlq}), calls the review or the
 * recorder, and publishes what they return through the transactional {@link EventPublisher}; the
 * published event is then applied to the state, so live state equals what a replay would build.
 */
@Configuration(proxyBeanMethods = false)
public class GuardrailFunctions {

  /** DiagnosisProposed in; DiagnosisRejected, ActionApproved or Escalated out, always one. */
  @Bean
  Consumer<Message<byte[]>> reviewProposal(
      ProposalReviewer reviewer, EventPublisher publisher, GuardrailState state) {
    return message -> {
      DiagnosisProposed diagnosis =
          EventCodec.decode(message.getPayload(), DiagnosisProposed.class);
      IncidentEvent published = publisher.publish(reviewer.review(diagnosis));
      state.apply(published);
    };
  }

  /** ActionExecuted in; the budget and breaker updated; Escalated out when the breaker trips. */
  @Bean
  Consumer<Message<byte[]>> recordOutcome(
      OutcomeRecorder recorder, EventPublisher publisher, GuardrailState state) {
    return message -> {
      ActionExecuted outcome = EventCodec.decode(message.getPayload(), ActionExecuted.class);
      recorder.record(outcome).map(publisher::publish).ifPresent(state::apply);
    };
  }
}
