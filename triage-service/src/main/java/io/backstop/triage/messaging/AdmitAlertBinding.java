package io.backstop.triage.messaging;

import io.backstop.events.AlertReceived;
import io.backstop.stream.Inbound;
import io.backstop.triage.incident.AlertAdmission;
import io.backstop.triage.intake.AlertChecks;
import io.backstop.triage.intake.IntakeLimits;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

/**
 * The {@code admitAlert} function bean, bound as {@code admitAlert-in-0} to the alerts topic, and
 * the Kafka-backed incident store it uses. A record that is not an AlertReceived, or a sealed one
 * whose content no longer matches its hash, raises a named error, and backstop-stream routes it to
 * {@code backstop.alerts.v1.dlq}. After every rebalance the store re-reads the incident state, so
 * groups that move between instances are never admitted from a stale cache.
 */
@Configuration(proxyBeanMethods = false)
public class AdmitAlertBinding {

  /** Reading the incident state at start may take this long before the binding fails. */
  static final Duration STATE_LOAD_TIMEOUT = Duration.ofSeconds(30);

  @Bean
  Consumer<Message<byte[]>> admitAlert(
      AlertAdmission admission, IntakeLimits limits, java.time.Clock clock) {
    AlertChecks checks = new AlertChecks(limits);
    return message ->
        admission.admit(
            checks.check(
                Inbound.read(message, AlertReceived.class, Inbound.Seal.OPTIONAL),
                clock.instant()));
  }

  /** The binder needs this listener before the store exists, hence the provider. */
  @Bean
  static KafkaBindingRebalanceListener incidentStateReload(
      ObjectProvider<KafkaIncidentStore> store) {
    return new KafkaBindingRebalanceListener() {
      @Override
      public void onPartitionsAssigned(
          String bindingName,
          org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
          Collection<TopicPartition> partitions,
          boolean initial) {
        store.ifAvailable(KafkaIncidentStore::reload);
      }
    };
  }

  @Bean
  KafkaIncidentStore incidentStore(
      BinderFactory binders, @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers) {
    var binder = (KafkaMessageChannelBinder) binders.getBinder(null, MessageChannel.class);
    return new KafkaIncidentStore(
        binder.getTransactionalProducerFactory(), brokers, STATE_LOAD_TIMEOUT);
  }
}
