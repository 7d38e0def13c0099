package io.backstop.diagnosis.messaging;

import io.backstop.diagnosis.Diagnoser;
import io.backstop.events.DiagnosisRejected;
import io.backstop.events.SignalsGathered;
import io.backstop.stream.EventPublisher;
import io.backstop.stream.Inbound;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * {@code diagnose}: signals in, a proposal out. {@code rediagnose}: a rejection in, a proposal from
 * the tier it asks for out. A record that is not the expected event fails decoding with the field
 * named, and the binder sends it to the input's dead-letter topic.
 */
@Configuration(proxyBeanMethods = false)
public class DiagnosisFunctions {

  @Bean
  public Consumer<Message<byte[]>> diagnose(Diagnoser diagnoser, EventPublisher publisher) {
    return message ->
        publisher.publish(diagnoser.diagnose(Inbound.read(message, SignalsGathered.class)));
  }

  @Bean
  public Consumer<Message<byte[]>> rediagnose(Diagnoser diagnoser, EventPublisher publisher) {
    return message ->
        publisher.publish(diagnoser.rediagnose(Inbound.read(message, DiagnosisRejected.class)));
  }
}
