package io.backstop.stream.config;

import io.backstop.events.TopicSpec;
import io.backstop.events.Topics;
import io.backstop.stream.EventPublisher;
import io.backstop.stream.KafkaClientConfig;
import io.backstop.stream.batch.Batches;
import io.backstop.stream.batch.RetryBook;
import io.backstop.stream.health.BrokerHealth;
import io.backstop.stream.publish.KafkaEventPublisher;
import io.backstop.stream.telemetry.HopSpanFunctions;
import io.backstop.stream.telemetry.HopSpans;
import io.backstop.stream.telemetry.MeteredEventPublisher;
import io.backstop.stream.telemetry.PipelineMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.function.context.catalog.FunctionAroundWrapper;
import org.springframework.cloud.function.observability.DefaultFunctionObservationConvention;
import org.springframework.cloud.function.observability.ObservationFunctionAroundWrapper;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.cloud.stream.binder.kafka.utils.DlqDestinationResolver;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.messaging.MessageChannel;

/**
 * What a service gets by depending on {@code backstop-stream}: the {@link EventPublisher}, the
 * dead-letter path for every consumer binding, and every topic of {@link Topics#all()} created with
 * its settings at startup, so a service can start against an empty broker.
 */
@AutoConfiguration
public class BackstopStreamAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  EventPublisher eventPublisher(
      BinderFactory binders,
      @Value("${spring.application.name:backstop}") String service,
      ObjectProvider<MeterRegistry> meters) {
    var binder = (KafkaMessageChannelBinder) binders.getBinder(null, MessageChannel.class);
    EventPublisher kafka =
        new KafkaEventPublisher(binder.getTransactionalProducerFactory(), service);
    MeterRegistry registry = meters.getIfAvailable();
    return registry == null
        ? kafka
        : new MeteredEventPublisher(kafka, new PipelineMetrics(registry));
  }

  /** Dead letters of {@code <topic>} go to {@code <topic>.dlq}, whatever the consumer group. */
  @Bean
  @ConditionalOnMissingBean
  DlqDestinationResolver backstopDeadLetterTopics() {
    return (rec, ex) -> Topics.deadLetter(rec.topic());
  }

  @Bean
  @ConditionalOnMissingBean
  RetryBook backstopBatchRetries() {
    return new RetryBook();
  }

  @Bean
  @ConditionalOnMissingBean(ListenerContainerCustomizer.class)
  DeadLetterContainerCustomizer backstopDeadLetters(
      DlqDestinationResolver destinations, RetryBook retries) {
    return new DeadLetterContainerCustomizer(destinations, retries);
  }

  /** Batch function beans: one transaction per poll ({@link Batches#each}). */
  @Bean
  @ConditionalOnMissingBean
  Batches backstopBatches(BinderFactory binders, RetryBook retries, HopSpans hopSpans) {
    var binder = (KafkaMessageChannelBinder) binders.getBinder(null, MessageChannel.class);
    return new Batches(
        new KafkaTemplate<>(binder.getTransactionalProducerFactory()), retries, hopSpans);
  }

  /** One span per hop, linked across Kafka ({@link HopSpans}). */
  @Bean
  @ConditionalOnMissingBean
  HopSpans backstopHopSpans(@Value("${spring.application.name:backstop}") String service) {
    return new HopSpans(service);
  }

  /**
   * Every function bean's invocation inside its hop's span. Spring Cloud Function injects one
   * around-wrapper; this one is primary and keeps its Micrometer observation inside.
   */
  @Bean
  @Primary
  FunctionAroundWrapper backstopHopSpanFunctions(
      HopSpans hopSpans, ObjectProvider<ObservationRegistry> observations) {
    ObservationRegistry registry = observations.getIfAvailable();
    return new HopSpanFunctions(
        hopSpans,
        registry == null
            ? null
            : new ObservationFunctionAroundWrapper(
                registry, DefaultFunctionObservationConvention.INSTANCE));
  }

  /**
   * How the service's plain Kafka clients reach the broker, with the binder's own security settings
   * ({@code spring.kafka.properties.security.protocol}, {@code sasl.*}, {@code ssl.*}).
   */
  @Bean
  @ConditionalOnMissingBean
  KafkaClientConfig kafkaClientConfig(
      ObjectProvider<KafkaProperties> kafka,
      @Value(
              "${spring.cloud.stream.kafka.binder.brokers:${spring.kafka.bootstrap-servers:localhost:9092}}")
          String brokers) {
    return KafkaClientConfig.of(
        brokers, kafka.getIfAvailable(KafkaProperties::new).buildAdminProperties());
  }

  /**
   * Readiness on the broker, answered from the last check, never awaited (the binder's own health
   * indicator, which waits on the broker, is switched off in {@link StreamDefaults}).
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(name = "kafkaBrokerHealthIndicator")
  BrokerHealth kafkaBrokerHealthIndicator(
      ObjectProvider<KafkaProperties> kafka,
      @Value(
              "${spring.cloud.stream.kafka.binder.brokers:${spring.kafka.bootstrap-servers:localhost:9092}}")
          String brokers) {
    Map<String, Object> admin =
        new HashMap<>(kafka.getIfAvailable(KafkaProperties::new).buildAdminProperties());
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    return new BrokerHealth(
        admin,
        Duration.ofSeconds(5),
        Duration.ofSeconds(3),
        Duration.ofSeconds(15),
        Clock.systemUTC());
  }

  /**
   * Off with {@code backstop.stream.provision-topics=false}, e.g. where an operator owns topics.
   */
  @Bean
  @ConditionalOnProperty(
      name = "backstop.stream.provision-topics",
      havingValue = "true",
      matchIfMissing = true)
  KafkaAdmin.NewTopics backstopTopics() {
    return new KafkaAdmin.NewTopics(
        Topics.all().stream()
            .map(BackstopStreamAutoConfiguration::newTopic)
            .toArray(NewTopic[]::new));
  }

  /** Replication comes from the broker's default, so one config fits a laptop and a cluster. */
  static NewTopic newTopic(TopicSpec spec) {
    return TopicBuilder.name(spec.name())
        .partitions(spec.partitions())
        .configs(spec.configs())
        .build();
  }
}
