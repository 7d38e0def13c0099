package io.backstop.triage.messaging;

import io.backstop.events.AlertReceived;
import io.backstop.events.codec.EventCodec;
import io.backstop.triage.incident.AlertAdmission;
import java.time.Duration;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

/**
 * The {@code admitAlert} function bean, bound as {@code admitAlert-in-0} to the alerts topic, and
 * the Kafka-backed incident store it uses. A record that is not an AlertReceived raises the named
 * decoding error, and backstop-stream routes it to {@code backstop.alerts.v1.dlq}.
 */
@Configuration(proxyBeanMethods = false)
public class AdmitAlertBinding {

  /** Reading the incident state at start may take this long before the binding fails. */
  static final Duration STATE_LOAD_TIMEOUT = Duration.ofSeconds(30);

  @Bean
  Consumer<Message<byte[]>> admitAlert(AlertAdmission admission) {
    return message -> admission.admit(EventCodec.decode(message.getPayload(), AlertReceived.class));
  }

  @Bean
  KafkaIncidentStore incidentStore(
      BinderFactory binders, @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers) {
    var binder = (KafkaMessageChannelBinder) binders.getBinder(null, MessageChannel.class);
    return new KafkaIncidentStore(
        binder.getTransactionalProducerFactory(), brokers, STATE_LOAD_TIMEOUT);
  }
}
