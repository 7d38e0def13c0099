package io.backstop.bench;

import io.backstop.events.AlertReceived;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.SignalsGathered;
import io.backstop.events.Topics;
import io.backstop.events.alert.AlertStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The pipeline's latency, one incident at a time: an outside producer puts an alert on the alerts
 * topic and the {@link AuditWatch} times when triage's SignalsGathered, diagnosis's proposal and
 * the guardrail's decision are committed. The incident is then resolved, so the next alert for the
 * same workload opens a new incident. With the model simulator answering at once, what is left is
 * Backstop and Kafka.
 */
final class PipelineProbe {

  /** Per hop and end to end (alert sent to decision committed). */
  record Result(
      Distribution triage,
      Distribution gathering,
      Distribution diagnosis,
      Distribution modelCalls,
      Distribution guardrail,
      Distribution endToEnd,
      Distribution handOff) {}

  private final String bootstrap;
  private final String namespace;
  private final String deployment;

  PipelineProbe(String bootstrap, String namespace, String deployment) {
    this.bootstrap = bootstrap;
    this.namespace = namespace;
    this.deployment = deployment;
  }

  Result measure(AuditWatch audit, int warmup, int samples, long pauseMillis) {
    List<Long> triage = new ArrayList<>();
    List<Long> gathering = new ArrayList<>();
    List<Long> diagnosis = new ArrayList<>();
    List<Long> modelCalls = new ArrayList<>();
    List<Long> guardrail = new ArrayList<>();
    List<Long> endToEnd = new ArrayList<>();
    Map<String, Long> decidedAt = new java.util.LinkedHashMap<>();
    String run = UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> labels = BenchAlerts.labels(namespace, deployment);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(BenchAlerts.producer(bootstrap))) {
      for (int i = 0; i < warmup + samples; i++) {
        String fingerprint = "pipeline-" + run + "-" + i;
        Instant startsAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        AlertReceived firing = BenchAlerts.alert(labels, fingerprint, startsAt, AlertStatus.FIRING);
        long sent = System.nanoTime();
        producer.send(BenchAlerts.record(Topics.ALERTS, firing));
        String incident = audit.incidentOf(fingerprint, 60_000);
        long signals = audit.await(incident, "SignalsGathered", 60_000);
        long proposed = audit.await(incident, "DiagnosisProposed", 60_000);
        long decided = audit.await(incident, "decision", 60_000);
        if (i >= warmup) {
          triage.add(signals - sent);
          gathering.add(gatheringNanos(audit, incident));
          diagnosis.add(proposed - signals);
          modelCalls.add(modelCallNanos(audit, incident));
          guardrail.add(decided - proposed);
          endToEnd.add(decided - sent);
          decidedAt.put(incident, decided);
        }
        producer.send(
            BenchAlerts.record(
                Topics.ALERTS,
                BenchAlerts.alert(labels, fingerprint, startsAt, AlertStatus.RESOLVED)));
        producer.flush();
        pause(pauseMillis);
      }
    }
    return new Result(
        Distribution.of(triage),
        Distribution.of(gathering),
        Distribution.of(diagnosis),
        Distribution.of(modelCalls),
        Distribution.of(guardrail),
        Distribution.of(endToEnd),
        Distribution.of(handOffs(audit, decidedAt)));
  }

  /**
   * From each decision to the first ticket or page delivered for the incident (the executor's
   * outcome and the escalation service's delivery, which reads the incident's audit record): read
   * after the run, so waiting for it never holds back the next incident.
   */
  private static List<Long> handOffs(AuditWatch audit, Map<String, Long> decidedAt) {
    List<Long> handOffs = new ArrayList<>();
    decidedAt.forEach(
        (incident, decided) ->
            handOffs.add(audit.await(incident, "EscalationDelivered", 60_000) - decided));
    return handOffs;
  }

  /** The gathering's own wall time, as triage recorded it in the signals (the rest is Kafka). */
  private static long gatheringNanos(AuditWatch audit, String incident) {
    return audit
        .events(e -> e instanceof SignalsGathered s && s.incidentId().value().equals(incident))
        .stream()
        .map(e -> ((SignalsGathered) e).gathering())
        .filter(java.util.Objects::nonNull)
        .mapToLong(g -> TimeUnit.MILLISECONDS.toNanos(g.millis()))
        .findFirst()
        .orElse(0);
  }

  /** The model calls' own time, as diagnosis recorded it in the proposal (the simulator's HTTP). */
  private static long modelCallNanos(AuditWatch audit, String incident) {
    return audit
        .events(e -> e instanceof DiagnosisProposed d && d.incidentId().value().equals(incident))
        .stream()
        .findFirst()
        .map(e -> ((DiagnosisProposed) e).calls().stream().mapToLong(c -> c.latencyMillis()).sum())
        .map(TimeUnit.MILLISECONDS::toNanos)
        .orElse(0L);
  }

  static void pause(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
