package io.backstop.triage.messaging;

import io.backstop.events.AlertReceived;
import io.backstop.stream.Inbound;
import io.backstop.stream.batch.Batches;
import io.backstop.triage.evidence.SignalGatherer;
import io.backstop.triage.incident.AlertAdmission;
import io.backstop.triage.intake.AlertChecks;
import io.backstop.triage.intake.IntakeLimits;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

/**
 * The {@code admitAlert} function bean, bound in batch mode as {@code admitAlert-in-0} to the
 * alerts topic: every alert of a poll is admitted in one transaction (state, audit, offsets). An
 * incident it opens is gathered off the consumer thread ({@link OffThreadGathering}) and its
 * signals published in a transaction of their own ({@link SignalsEmitter}). A record that is not an
 * AlertReceived, or a sealed one whose content no longer matches its hash, raises a named error,
 * and backstop-stream routes it to {@code backstop.alerts.v1.dlq}. After every rebalance the store
 * re-reads the incident state, so groups that move between instances are never admitted from a
 * stale cache, and the incidents left pending on the partitions taken over are gathered.
 */
@Configuration(proxyBeanMethods = false)
public class AdmitAlertBinding {

  /** Reading the incident state at start may take this long before the binding fails. */
  static final Duration STATE_LOAD_TIMEOUT = Duration.ofSeconds(30);

  @Bean
  Consumer<Message<List<byte[]>>> admitAlert(
      AlertAdmission admission,
      OffThreadGathering gathering,
      Batches batches,
      IntakeLimits limits,
      java.time.Clock clock) {
    AlertChecks checks = new AlertChecks(limits);
    return batches.each(
        message -> {
          AlertReceived alert =
              checks.check(
                  Inbound.read(message, AlertReceived.class, Inbound.Seal.OPTIONAL),
                  clock.instant());
          int partition = message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION, Integer.class);
          String topic = message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC, String.class);
          admission.admit(alert, gathering.from(topic, partition));
        });
  }

  /** The binder needs this listener before the store exists, hence the providers. */
  @Bean
  static KafkaBindingRebalanceListener incidentStateReload(
      ObjectProvider<KafkaIncidentStore> store,
      ObjectProvider<SignalsEmitter> emitter,
      ObjectProvider<OffThreadGathering> gathering) {
    return new KafkaBindingRebalanceListener() {
      @Override
      public void onPartitionsRevokedBeforeCommit(
          String bindingName,
          org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
          Collection<TopicPartition> partitions) {
        List<Integer> lost = numbers(partitions);
        gathering.ifAvailable(g -> g.revoked(lost));
        emitter.ifAvailable(e -> e.release(lost));
      }

      @Override
      public void onPartitionsAssigned(
          String bindingName,
          org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
          Collection<TopicPartition> partitions,
          boolean initial) {
        List<Integer> taken = numbers(partitions);
        // The signals producers start off this thread, fencing whoever held these partitions;
        // what they left pending is read and gathered only after that. The store only forgets its
        // cache here: the next admission reads the state it needs.
        emitter.ifAvailable(
            e -> {
              var fenced = e.acquire(taken);
              store.ifAvailable(
                  s ->
                      gathering.ifAvailable(
                          g -> g.taken(partitions, fenced, s::pendingGatherings)));
            });
        store.ifAvailable(KafkaIncidentStore::reload);
      }
    };
  }

  private static List<Integer> numbers(Collection<TopicPartition> partitions) {
    return partitions.stream().map(TopicPartition::partition).toList();
  }

  @Bean
  KafkaIncidentStore incidentStore(
      BinderFactory binders, io.backstop.stream.KafkaClientConfig kafka) {
    return new KafkaIncidentStore(
        binder(binders).getTransactionalProducerFactory(), kafka, STATE_LOAD_TIMEOUT);
  }

  @Bean(destroyMethod = "close")
  SignalsEmitter signalsEmitter(
      BinderFactory binders,
      @Value("${spring.application.name}") String service,
      @Value("${spring.cloud.stream.bindings.admitAlert-in-0.group}") String group,
      @Value("${spring.cloud.stream.bindings.admitAlert-in-0.destination}") String topic) {
    return new SignalsEmitter(
        binder(binders).getTransactionalProducerFactory().getConfigurationProperties(),
        service,
        group,
        topic);
  }

  /**
   * Opened incidents gathered at once, {@code backstop.triage.gathering.concurrency} at a time
   * (each gathering runs its own reads in parallel on the source pool).
   */
  @Bean(destroyMethod = "shutdownNow")
  ExecutorService incidentGatheringPool(
      @Value("${backstop.triage.gathering.concurrency:4}") int concurrency) {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(
        concurrency,
        concurrency,
        0,
        TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(),
        r -> {
          Thread t = new Thread(r, "triage-incident-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  @Bean
  OffThreadGathering offThreadGathering(
      SignalGatherer gatherer,
      SignalsEmitter emitter,
      BinderFactory binders,
      ExecutorService incidentGatheringPool) {
    return new OffThreadGathering(
        gatherer,
        emitter,
        new KafkaTemplate<>(binder(binders).getTransactionalProducerFactory()),
        incidentGatheringPool);
  }

  private static KafkaMessageChannelBinder binder(BinderFactory binders) {
    return (KafkaMessageChannelBinder) binders.getBinder(null, MessageChannel.class);
  }
}
