package io.backstop.stream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.events.AlertReceived;
import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.id.IncidentId;
import io.backstop.stream.EventPublisher;
import io.backstop.stream.KafkaClientConfig;
import io.backstop.stream.audit.AuditLog;
import io.backstop.stream.audit.AuditLogReader;
import io.backstop.stream.audit.AuditReadException;
import io.backstop.stream.audit.IncidentAuditReader;
import io.backstop.stream.publish.AuditPartitioner;
import io.backstop.stream.publish.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The incremental reader returns, for every incident, what the whole-partition read returns, while
 * a repeated read covers only the incident's own span of the log: the escalation service reads an
 * incident's record for every page, and the log only grows.
 */
@StreamIntegration
class IncidentAuditReaderIntegrationTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Autowired EventPublisher publisher;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  private IncidentAuditReader reader() {
    return new IncidentAuditReader(KafkaClientConfig.plaintext(bootstrap), TIMEOUT);
  }

  private AuditLog whole(IncidentId incident) {
    return new AuditLogReader(bootstrap, TIMEOUT).readIncident(incident);
  }

  private List<IncidentId> incidents(String prefix, int count) {
    List<IncidentId> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(IncidentId.of(prefix + "-" + i));
    }
    return ids;
  }

  /** Each incident's events written interleaved with the others', {@code perIncident} each. */
  private void writeInterleaved(List<IncidentId> ids, int perIncident, String round) {
    for (int e = 0; e < perIncident; e++) {
      for (IncidentId id : ids) {
        publisher.record(TestAlerts.alert(id.value(), "Round" + round + "Alert" + e));
      }
    }
  }

  @Test
  void readsForEveryIncidentWhatTheWholePartitionReadReads() {
    List<IncidentId> ids = incidents("incremental-same", 6);
    writeInterleaved(ids, 3, "a");
    // An unreadable record keyed to one incident, and one on its partition not keyed to any.
    sendRaw(ids.get(4), ids.get(4).value() + "/garbage", "{not an event");
    sendRaw(ids.get(4), "no-slash-key", "{neither");
    writeInterleaved(ids, 1, "b");
    settled();

    try (IncidentAuditReader reader = reader()) {
      // Out of order, and each twice: the second read goes through the index.
      List<IncidentId> order = new ArrayList<>(ids);
      java.util.Collections.reverse(order);
      order.addAll(ids);
      Map<IncidentId, AuditLog> wholeReads = new java.util.HashMap<>();
      for (IncidentId id : order) {
        AuditLog incremental = reader.readIncident(id);
        AuditLog full = wholeReads.computeIfAbsent(id, this::whole);

        assertThat(incremental.timeline(id).events())
            .as("timeline of %s", id)
            .hasSize(4)
            .containsExactlyElementsOf(full.timeline(id).events());
        assertThat(incremental.unreadable(id))
            .as("unreadable records of %s", id)
            .containsExactlyElementsOf(full.unreadable(id));
      }
      assertThat(reader.readIncident(ids.get(4)).unreadable(ids.get(4)))
          .singleElement()
          .satisfies(u -> assertThat(u.key()).isEqualTo(ids.get(4).value() + "/garbage"));
    }
  }

  @Test
  void aRepeatedReadCoversTheIncidentsOwnSpanNotTheWholeLog() {
    List<IncidentId> history = incidents("incremental-history", 40);
    writeInterleaved(history, 2, "old");
    settled();
    IncidentId late = IncidentId.of("incremental-late");
    int partition = partitionOf(late);
    List<IncidentId> neighbours =
        history.stream().filter(id -> partitionOf(id) == partition).toList();
    assertThat(neighbours).as("history on the late incident's partition").isNotEmpty();

    try (IncidentAuditReader reader = reader()) {
      // The first read of a partition indexes it from the beginning.
      reader.readIncident(neighbours.get(0));
      long firstRead = reader.lastRecordsRead();
      assertThat(firstRead).isGreaterThanOrEqualTo(neighbours.size() * 2L);

      publisher.record(TestAlerts.alert(late.value(), "First"));
      publisher.record(TestAlerts.alert(neighbours.get(1).value(), "Meanwhile"));
      publisher.record(TestAlerts.alert(late.value(), "Second"));
      settled();

      AuditLog log = reader.readIncident(late);

      assertThat(log.timeline(late).events())
          .extracting(e -> ((AlertReceived) e).alertname())
          .containsExactlyInAnyOrder("First", "Second");
      assertThat(reader.lastRecordsRead())
          .as("records read for an incident that began after the index")
          .isLessThanOrEqualTo(3 + otherTestsWritesAllowance())
          .isLessThan(firstRead);
      assertThat(reader.lastRecordsDecoded()).isEqualTo(2);

      // Read again: from the late incident's first record, not from the beginning.
      publisher.record(TestAlerts.alert(late.value(), "Third"));
      settled();
      assertThat(reader.readIncident(late).timeline(late).events()).hasSize(3);
      assertThat(reader.lastRecordsRead()).isLessThan(firstRead);
      assertThat(reader.lastRecordsDecoded()).isEqualTo(3);

      // An old incident is still read whole: from its first record, wherever that is.
      assertThat(reader.readIncident(neighbours.get(1)).timeline(neighbours.get(1)).events())
          .extracting(e -> ((AlertReceived) e).alertname())
          .containsExactlyInAnyOrder("RoundoldAlert0", "RoundoldAlert1", "Meanwhile");
    }
  }

  @Test
  void anOpenTransactionIsReadOnceItCommitsAndAnAbortedOneNever() {
    IncidentId incident = IncidentId.of("incremental-transactions");
    publisher.record(TestAlerts.alert(incident.value(), "Committed"));
    AlertReceived pending = TestAlerts.alert(incident.value(), "Pending");
    AlertReceived aborted = TestAlerts.alert(incident.value(), "Aborted");
    try (IncidentAuditReader reader = reader();
        KafkaProducer<String, byte[]> producer = transactional("incremental-tx")) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(record(aborted));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(record(pending));
      producer.flush();

      assertThat(names(reader.readIncident(incident), incident)).containsExactly("Committed");

      producer.commitTransaction();
      settled();

      assertThat(names(reader.readIncident(incident), incident))
          .containsExactlyInAnyOrder("Committed", "Pending");
      assertThat(names(whole(incident), incident))
          .containsExactlyInAnyOrder("Committed", "Pending");
    }
  }

  @Test
  void anUnreachableBrokerIsANamedErrorAndTheNextReadStartsOver() {
    try (IncidentAuditReader reader =
        new IncidentAuditReader(
            KafkaClientConfig.of(
                "127.0.0.1:1",
                Map.of(
                    "reconnect.backoff.max.ms", 200,
                    "socket.connection.setup.timeout.ms", 200,
                    "socket.connection.setup.timeout.max.ms", 200)),
            Duration.ofSeconds(1))) {
      assertThatThrownBy(() -> reader.readIncident(IncidentId.of("incremental-nowhere")))
          .isInstanceOf(AuditReadException.class);
      assertThatThrownBy(() -> reader.readIncident(IncidentId.of("incremental-nowhere")))
          .isInstanceOf(AuditReadException.class);
    }
  }

  /**
   * Waits until every audit partition's last stable offset has caught up with its end: a commit
   * returns before the coordinator has written its markers, and until then a {@code read_committed}
   * reader (this one, and the whole-partition one alike) ends before the records.
   */
  private void settled() {
    try (var committed = consumer("read_committed");
        var everything = consumer("read_uncommitted")) {
      List<TopicPartition> partitions =
          committed.partitionsFor(Topics.AUDIT).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!committed.endOffsets(partitions).equals(everything.endOffsets(partitions))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the audit topic's transactions did not settle");
        }
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    }
  }

  private KafkaConsumer<String, byte[]> consumer(String isolation) {
    return new KafkaConsumer<>(
        Map.<String, Object>of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            isolation),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }

  /** Other tests share the broker and may write to this partition while this one runs. */
  private static int otherTestsWritesAllowance() {
    return 20;
  }

  private int partitionOf(IncidentId id) {
    return AuditPartitioner.partition(id, partitionsOfAudit());
  }

  /** A raw record on the audit partition of {@code incident}, as no publisher would write it. */
  private void sendRaw(IncidentId incident, String key, String value) {
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.AUDIT, partitionOf(incident), key, value.getBytes(StandardCharsets.UTF_8)))
          .get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not write the raw record " + key, e);
    }
  }

  private static List<String> names(AuditLog log, IncidentId incident) {
    return log.timeline(incident).events().stream()
        .map(e -> ((AlertReceived) e).alertname())
        .toList();
  }

  private KafkaProducer<String, byte[]> transactional(String id) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            id,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  /** As the publisher writes it, headers included (other tests on this broker read them). */
  private ProducerRecord<String, byte[]> record(AlertReceived event) {
    return new ProducerRecord<>(
        Topics.AUDIT,
        AuditPartitioner.partition(event.incidentId(), partitionsOfAudit()),
        Topics.auditKey(event),
        EventCodec.encode(event),
        CloudEventHeaders.of(event, "stream-test"));
  }

  private int partitionsOfAudit() {
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new StringSerializer(),
            new ByteArraySerializer())) {
      return producer.partitionsFor(Topics.AUDIT).size();
    }
  }
}
