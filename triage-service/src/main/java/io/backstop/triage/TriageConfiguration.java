package io.backstop.triage;

import io.backstop.redaction.Redactor;
import io.backstop.stream.EventPublisher;
import io.backstop.triage.evidence.SignalGatherer;
import io.backstop.triage.incident.AlertAdmission;
import io.backstop.triage.incident.AlertGrouping;
import io.backstop.triage.incident.Gathering;
import io.backstop.triage.incident.IncidentBook;
import io.backstop.triage.incident.IncidentStore;
import io.backstop.triage.intake.DeliveryReader;
import io.backstop.triage.intake.GroupCommit;
import io.backstop.triage.intake.IntakeLimits;
import io.backstop.triage.kubernetes.KubernetesClients;
import io.backstop.triage.kubernetes.ReadOnlyCluster;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the domain from the typed properties; the domain never sees a properties class. */
@Configuration(proxyBeanMethods = false)
public class TriageConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  Redactor redactor() {
    return new Redactor();
  }

  @Bean
  AlertGrouping alertGrouping(TriageProperties properties) {
    return new AlertGrouping(properties.grouping());
  }

  @Bean
  IntakeLimits intakeLimits(TriageProperties properties) {
    return properties.intake();
  }

  /**
   * Webhook deliveries that arrive together share one Kafka transaction, up to 2,000 alerts (two
   * full deliveries); each is answered once its transaction committed, or 503 after 30 s. Up to
   * four transactions are under way at once, so a group does not wait for the previous commit.
   */
  @Bean(destroyMethod = "close")
  GroupCommit intakeCommits(EventPublisher publisher) {
    return new GroupCommit(publisher, 2_000, java.time.Duration.ofSeconds(30), 4);
  }

  @Bean
  DeliveryReader deliveryReader(TriageProperties p, AlertGrouping grouping, Redactor redactor) {
    return new DeliveryReader(p.intake(), grouping, redactor);
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(
      name = "backstop.triage.kubernetes.enabled",
      havingValue = "true",
      matchIfMissing = true)
  ReadOnlyCluster readOnlyCluster(TriageProperties properties) {
    return KubernetesClients.readOnly(properties.kubernetes());
  }

  /**
   * The threads the gatherings under way run their reads on ({@code
   * backstop.triage.gathering.source-threads}): they mostly wait on the API server, so there are
   * enough for the first reads of several gatherings at once (one gathering starts 16); at 8 a
   * single gathering's first reads ran in two waves.
   */
  @Bean(destroyMethod = "shutdownNow")
  ExecutorService gatheringExecutor(
      @Value("${backstop.triage.gathering.source-threads:32}") int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException(
          "backstop.triage.gathering.source-threads must be at least 1, but was " + threads);
    }
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, "triage-gathering");
          t.setDaemon(true);
          return t;
        });
  }

  @Bean
  SignalGatherer signalGatherer(
      TriageProperties p,
      ObjectProvider<ReadOnlyCluster> cluster,
      Redactor redactor,
      ExecutorService gatheringExecutor,
      Clock clock) {
    Optional<ReadOnlyCluster> access =
        p.kubernetes().enabled() ? Optional.ofNullable(cluster.getIfAvailable()) : Optional.empty();
    return new SignalGatherer(
        access, p.prometheus(), p.gathering(), redactor, gatheringExecutor, clock);
  }

  @Bean
  AlertAdmission alertAdmission(
      TriageProperties p,
      AlertGrouping grouping,
      IncidentStore store,
      SignalGatherer gatherer,
      EventPublisher publisher,
      Redactor redactor,
      Clock clock) {
    return new AlertAdmission(
        grouping,
        new IncidentBook(p.grouping()),
        store,
        Gathering.now(gatherer, publisher),
        publisher,
        redactor,
        clock);
  }
}
