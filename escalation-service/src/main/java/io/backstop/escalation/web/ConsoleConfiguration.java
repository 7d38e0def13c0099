package io.backstop.escalation.web;

import io.backstop.escalation.EscalationProperties;
import io.backstop.escalation.console.ConsoleBoard;
import io.backstop.escalation.console.DecisionDesk;
import io.backstop.escalation.console.Refusals;
import io.backstop.escalation.messaging.AuditTail;
import io.backstop.stream.EventPublisher;
import io.backstop.stream.KafkaClientConfig;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the console: the board fed by the audit tail, the decision desk and the refusal recorder
 * (both writing through the transactional publisher), and the guardrail's API client. Only in a web
 * application: a service started without its web server has no console.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class ConsoleConfiguration {

  @Bean
  ConsoleBoard consoleBoard(EscalationProperties properties) {
    return new ConsoleBoard(properties.console().maxIncidents());
  }

  @Bean
  AuditTail auditTail(ConsoleBoard board, KafkaClientConfig kafka) {
    return new AuditTail(kafka, board);
  }

  @Bean
  Refusals refusals(EventPublisher publisher, ConsoleBoard board, Clock clock) {
    return new Refusals(publisher, board, clock);
  }

  @Bean
  DecisionDesk decisionDesk(
      ConsoleBoard board, EventPublisher publisher, Refusals refusals, Clock clock) {
    return new DecisionDesk(board, publisher, refusals, clock);
  }

  @Bean
  GuardrailClient guardrailClient(EscalationProperties properties) {
    return new GuardrailClient(properties.console().guardrail());
  }
}
