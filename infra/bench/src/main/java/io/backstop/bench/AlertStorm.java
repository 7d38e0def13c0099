package io.backstop.bench;

import io.backstop.events.AlertReceived;
import io.backstop.events.SignalsGathered;
import io.backstop.events.Topics;
import io.backstop.events.alert.AlertStatus;
import io.backstop.triage.incident.IncidentRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * An alert storm through an outside Kafka producer: {@code alerts} distinct alerts for {@code
 * causes} workloads, as fast as the producer sends them. Measures the producer's rate, triage's
 * admission rate (first alert sent to triage's consumer group committed past the last), and then
 * checks what was kept: one incident per cause, and every delivery counted in its group's state
 * (none lost). {@code duringStorm} runs once the first half is sent (the two-instance run kills an
 * instance there).
 */
final class AlertStorm {

  record Result(
      int alerts,
      int causes,
      double producerPerSecond,
      double admittedPerSecond,
      int incidents,
      long counted,
      long lost,
      int signalsGathered) {}

  private final String bootstrap;
  private final String namespace;

  AlertStorm(String bootstrap, String namespace) {
    this.bootstrap = bootstrap;
    this.namespace = namespace;
  }

  Result run(AuditWatch audit, int alerts, int causes, Runnable duringStorm) {
    String run = UUID.randomUUID().toString().substring(0, 6);
    List<Map<String, String>> groups =
        IntStream.range(0, causes)
            .mapToObj(c -> BenchAlerts.labels(namespace, "storm-" + run + "-" + c))
            .toList();
    Instant startsAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    ConsumerProgress.Marks marks = new ConsumerProgress.Marks();
    long start;
    long sentAll;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig());
        ConsumerProgress progress = new ConsumerProgress(bootstrap)) {
      start = System.nanoTime();
      Future<?>[] pending = new Future<?>[alerts];
      for (int i = 0; i < alerts; i++) {
        Map<String, String> labels = groups.get(i % causes);
        AlertReceived alert =
            BenchAlerts.alert(labels, "storm-" + run + "-" + i, startsAt, AlertStatus.FIRING);
        pending[i] =
            producer.send(
                BenchAlerts.record(Topics.ALERTS, alert),
                (m, e) -> {
                  if (m != null) {
                    marks.sent(m);
                  }
                });
        if (i == alerts / 2) {
          duringStorm.run();
        }
      }
      producer.flush();
      for (Future<?> f : pending) {
        await(f);
      }
      sentAll = System.nanoTime();
      long admitted = progress.awaitCommitted("triage-service", marks, 600_000);
      double producerRate = alerts / ((sentAll - start) / 1e9);
      double admissionRate = alerts / ((admitted - start) / 1e9);
      return check(audit, run, causes, alerts, producerRate, admissionRate);
    }
  }

  private Result check(
      AuditWatch audit,
      String run,
      int causes,
      int alerts,
      double producerRate,
      double admissionRate) {
    String prefix = "namespace=" + namespace + "|workload=storm-" + run + "-";
    Map<String, IncidentRecord> states = IncidentStates.read(bootstrap);
    long counted = 0;
    Set<String> incidents = new HashSet<>();
    for (Map.Entry<String, IncidentRecord> e : states.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        counted += e.getValue().deliveries();
        incidents.add(e.getValue().incidentId().value());
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    int gathered = 0;
    while (System.nanoTime() < deadline) {
      gathered =
          audit
              .events(
                  e -> e instanceof SignalsGathered && incidents.contains(e.incidentId().value()))
              .size();
      if (gathered >= incidents.size()) {
        break;
      }
      PipelineProbe.pause(100);
    }
    return new Result(
        alerts,
        causes,
        producerRate,
        admissionRate,
        incidents.size(),
        counted,
        alerts - counted,
        gathered);
  }

  private static void await(Future<?> f) {
    try {
      f.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the storm's producer failed: " + e, e);
    }
  }

  private Properties producerConfig() {
    Properties p = BenchAlerts.producer(bootstrap);
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    return p;
  }
}
