package io.backstop.executor.messaging;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.BreakerReset;
import io.backstop.events.IncidentEvent;
import io.backstop.executor.ApprovalExecutor;
import io.backstop.executor.WriteBreaker;
import io.backstop.stream.EventPublisher;
import io.backstop.stream.Inbound;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * {@code executeApproved}: one approval in, its outcome (and an escalation where a human must act)
 * out, in the consumer's transaction. {@code resetBreaker}: a human's BreakerReset closes the
 * namespace's breaker. A record that does not decode goes to the input's dead-letter topic.
 * Outcomes are counted as {@value #OUTCOMES} by status, action and namespace.
 */
@Configuration(proxyBeanMethods = false)
class ExecutorFunctions {

  static final String OUTCOMES = "backstop.executor.outcomes";

  @Bean
  Consumer<Message<byte[]>> executeApproved(
      ApprovalExecutor executor, EventPublisher publisher, MeterRegistry meters) {
    return message -> {
      ActionApproved approved = Inbound.read(message, ActionApproved.class);
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
  Consumer<Message<byte[]>> resetBreaker(WriteBreaker breaker) {
    return message -> breaker.observe(Inbound.read(message, BreakerReset.class));
  }
}
