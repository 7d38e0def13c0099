package io.backstop.executor.messaging;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.BreakerReset;
import io.backstop.events.IncidentEvent;
import io.backstop.executor.ApprovalExecutor;
import io.backstop.executor.check.WriteBreaker;
import io.backstop.executor.signing.ForgedResets;
import io.backstop.executor.signing.GuardrailSignatures;
import io.backstop.stream.EventPublisher;
import io.backstop.stream.Inbound;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * {@code executeApproved}: one approval in, its outcome (and an escalation where a human must act)
 * out, in the consumer's transaction; the approval is read through {@link Inbound}, and its
 * signature and hash chain are checked over the bytes as received, first. {@code resetBreaker}: a
 * BreakerReset closes the namespace's breaker only when the guardrail signed it (it authenticated
 * the operator); any other is refused and escalated as FORGED_APPROVAL. A record that does not
 * decode goes to the input's dead-letter topic. Outcomes are counted as {@value #OUTCOMES} by
 * status, action and namespace.
 */
@Configuration(proxyBeanMethods = false)
class ExecutorFunctions {

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ExecutorFunctions.class);

  static final String OUTCOMES = "backstop.executor.outcomes";

  @Bean
  Consumer<Message<byte[]>> executeApproved(
      ApprovalExecutor executor, EventPublisher publisher, MeterRegistry meters) {
    return message -> {
      var approved = Inbound.receive(message, ActionApproved.class, Inbound.Seal.REQUIRED);
      for (IncidentEvent event : executor.execute(approved)) {
        publisher.publish(event);
        if (event instanceof ActionExecuted executed) {
          meters
              .counter(
                  OUTCOMES,
                  "status",
                  executed.status().name(),
                  "action",
                  executed.action().type().name(),
                  "namespace",
                  executed.action().target().namespace())
              .increment();
        }
      }
    };
  }

  @Bean
  Consumer<Message<byte[]>> resetBreaker(
      WriteBreaker breaker,
      GuardrailSignatures signatures,
      EventPublisher publisher,
      java.time.Clock clock) {
    return message -> {
      var received = Inbound.receive(message, BreakerReset.class, Inbound.Seal.REQUIRED);
      BreakerReset reset = received.event();
      Optional<String> forged = signatures.problem(received);
      if (forged.isPresent()) {
        LOG.error(
            "FORGED breaker reset {} for namespace {} refused: {}",
            reset.eventId(),
            reset.namespace(),
            forged.get());
        publisher.publish(ForgedResets.escalation(reset, forged.get(), clock.instant()));
        return;
      }
      breaker.observe(reset);
    };
  }
}
