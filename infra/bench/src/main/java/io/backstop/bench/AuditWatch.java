package io.backstop.bench;

import io.backstop.events.AlertReceived;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.codec.EventDecodingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows the audit topic from its end, {@code read_committed}: every event the pipeline commits,
 * with the moment it became visible. Every service writes each event it emits to the audit topic in
 * the transaction that emits it, so this is when each stage's output was committed.
 */
final class AuditWatch implements AutoCloseable {

  /** Types of the guardrail's decision on a proposal. */
  static final Set<String> DECISIONS =
      Set.of("DiagnosisRejected", "ActionApproved", "Escalated", "ApprovalRequested");

  record Seen(IncidentEvent event, long nanos) {}

  private final Arrivals arrivals = new Arrivals();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private final KafkaConsumer<byte[], byte[]> consumer;

  AuditWatch(String bootstrap) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumer = new KafkaConsumer<>(p);
    List<TopicPartition> partitions =
        consumer.partitionsFor(Topics.AUDIT, Duration.ofSeconds(30)).stream()
            .map(i -> new TopicPartition(i.topic(), i.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    thread = KafkaFloor.start("bench-audit-watch", this::follow);
  }

  private void follow() {
    while (running.get()) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
        long now = System.nanoTime();
        if (r.value() == null) {
          continue;
        }
        try {
          IncidentEvent event = EventCodec.decode(r.value());
          seen.add(new Seen(event, now));
          String incident = event.incidentId().value();
          arrivals.arrived(incident + "|" + event.eventType(), now);
          if (DECISIONS.contains(event.eventType())) {
            arrivals.arrived(incident + "|decision", now);
          }
          if (event instanceof AlertReceived alert) {
            arrivals.arrived("fingerprint|" + alert.fingerprint(), now);
            arrivals.arrived("incident-of|" + alert.fingerprint() + "|" + incident, now);
          }
        } catch (EventDecodingException e) {
          // Not an event (another contract's record): the bench counts only what it can read.
        }
      }
    }
    consumer.close();
  }

  /** The canonical incident triage gave the alert with this fingerprint. */
  String incidentOf(String fingerprint, long timeoutMillis) {
    arrivals.await(
        "fingerprint|" + fingerprint, timeoutMillis, "the audit of alert " + fingerprint);
    return seen.stream()
        .map(Seen::event)
        .filter(e -> e instanceof AlertReceived a && a.fingerprint().equals(fingerprint))
        .map(e -> e.incidentId().value())
        .findFirst()
        .orElseThrow();
  }

  long await(String incident, String type, long timeoutMillis) {
    return arrivals.await(incident + "|" + type, timeoutMillis, type + " of " + incident);
  }

  boolean has(String incident, String type) {
    return arrivals.has(incident + "|" + type);
  }

  List<IncidentEvent> events(Predicate<IncidentEvent> filter) {
    List<IncidentEvent> out = new ArrayList<>();
    for (Seen s : seen) {
      if (filter.test(s.event())) {
        out.add(s.event());
      }
    }
    return out;
  }

  @Override
  public void close() {
    running.set(false);
    KafkaFloor.join(thread);
  }
}
