package io.backstop.diagnosis.messaging;

import io.backstop.diagnosis.Diagnoser;
import io.backstop.diagnosis.PriorAnswers;
import io.backstop.events.DiagnosisRejected;
import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.stream.EventPublisher;
import io.backstop.stream.Inbound;
import io.backstop.stream.KafkaClientConfig;
import io.backstop.stream.audit.AuditFollower;
import java.time.Duration;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * {@code diagnose}: signals in, a proposal out. {@code rediagnose}: a rejection in, a proposal from
 * the tier it asks for out. An input already answered (its proposal is on the audit log) is not
 * diagnosed again: a redelivery or a duplicate never runs a second model chain. A record that is
 * not the expected event fails decoding with the field named, and the binder sends it to the
 * input's dead-letter topic.
 */
@Configuration(proxyBeanMethods = false)
public class DiagnosisFunctions {

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(DiagnosisFunctions.class);

  @Bean
  AuditLogAnswers priorAnswers(KafkaClientConfig kafka) {
    return new AuditLogAnswers(
        new AuditFollower(kafka, Duration.ofSeconds(10), AuditLogAnswers.eventTypes()));
  }

  @Bean
  public Consumer<Message<byte[]>> diagnose(
      Diagnoser diagnoser, EventPublisher publisher, PriorAnswers answers) {
    return message -> {
      SignalsGathered signals = Inbound.read(message, SignalsGathered.class);
      if (alreadyAnswered(answers, signals)) {
        return;
      }
      publisher.publish(diagnoser.diagnose(signals));
    };
  }

  @Bean
  public Consumer<Message<byte[]>> rediagnose(
      Diagnoser diagnoser, EventPublisher publisher, PriorAnswers answers) {
    return message -> {
      DiagnosisRejected rejection = Inbound.read(message, DiagnosisRejected.class);
      if (alreadyAnswered(answers, rejection)) {
        return;
      }
      publisher.publish(diagnoser.rediagnose(rejection));
    };
  }

  private static boolean alreadyAnswered(PriorAnswers answers, IncidentEvent input) {
    if (!answers.answered(input)) {
      return false;
    }
    LOG.info(
        "{} {} of incident {} was already answered; not diagnosing it again",
        input.eventType(),
        input.eventId(),
        input.incidentId());
    return true;
  }
}
