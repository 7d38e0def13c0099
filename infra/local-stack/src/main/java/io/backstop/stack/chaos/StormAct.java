package io.backstop.stack.chaos;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.Topics;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.id.IncidentId;
import io.backstop.stack.LocalStack;
import io.backstop.stack.scenario.AlertInjector;
import io.backstop.stack.scenario.IncidentTrail;
import io.backstop.stream.audit.AuditLog;
import io.backstop.stream.replay.ReadToEnd;
import io.backstop.triage.incident.IncidentRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * An alert storm: thousands of distinct alerts (one per pod, as a crash-looping fleet fires them)
 * from a few causes, posted to triage's webhook in Alertmanager-sized batches as fast as it takes
 * them. One cause is the real bad deploy (checkout); the others are workloads the same alert names.
 * There must be one incident per cause, every alert counted in its incident (none lost), every
 * incident ended and told, the bad deploy rolled back once, and the guardrail's breaker counting
 * each applied write exactly once.
 */
final class StormAct {

  private static final List<String> CAUSES = List.of("checkout", "cart", "frontend");
  private static final int ALERTS_PER_CAUSE = 1_000;
  private static final int BATCH = 100;
  private static final Duration COUNTED_WITHIN = Duration.ofSeconds(120);
  private static final Duration ENDED_WITHIN = Duration.ofSeconds(300);

  static final String FAULT =
      "alert storm: "
          + CAUSES.size() * ALERTS_PER_CAUSE
          + " distinct alerts from "
          + CAUSES.size()
          + " causes ("
          + String.join(", ", CAUSES)
          + "; checkout the real bad deploy), in webhook batches of "
          + BATCH;
  static final String EXPECTATION =
      CAUSES.size()
          + " incidents; every alert counted (0 lost); each incident ends, paged and ticketed;"
          + " the bad deploy rolled back once and VERIFIED (1 write, whichever incident made it);"
          + " no second approval stacked on a target before its first write settled"
          + " (action.target-settling); the breaker counts each approved write once, none twice";

  private final LocalStack stack;
  private final java.util.function.Consumer<String> progress;
  private final Audit audit;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  StormAct(LocalStack stack, java.util.function.Consumer<String> progress) {
    this.stack = stack;
    this.progress = progress;
    this.audit = new Audit(stack);
  }

  ChaosRow run() {
    progress.accept("chaos: " + FAULT);
    Instant startsAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant began = Instant.now();
    int refused = 0;
    for (int from = 0; from < ALERTS_PER_CAUSE; from += BATCH) {
      for (String cause : CAUSES) {
        refused += post(batch(cause, from, startsAt));
      }
    }
    long postSeconds = Duration.between(began, Instant.now()).toSeconds();
    int sent = CAUSES.size() * ALERTS_PER_CAUSE;

    Map<String, IncidentRecord> groups = Map.of();
    Instant countDeadline = Instant.now().plus(COUNTED_WITHIN);
    while (Instant.now().isBefore(countDeadline)) {
      groups = triageGroups();
      if (deliveries(groups) >= sent) {
        break;
      }
      Pause.of(Duration.ofSeconds(1));
    }
    long counted = deliveries(groups);
    List<IncidentId> incidents =
        groups.values().stream().map(IncidentRecord::incidentId).distinct().toList();

    Optional<AuditLog> log =
        audit.until(l -> incidents.stream().allMatch(id -> trail(l, id).finished()), ENDED_WITHIN);
    Map<String, String> ends = new TreeMap<>();
    boolean allTold = !incidents.isEmpty();
    List<String> verifiedIn = new ArrayList<>();
    for (IncidentId id : incidents) {
      IncidentTrail trail =
          log.map(l -> trail(l, id))
              .orElse(new IncidentTrail(id, new AuditLog(List.of(), List.of()).timeline(id)));
      String workload = workloadOf(groups, id);
      ends.put(
          workload, OneIncident.end(Optional.of(trail)) + (trail.finished() ? "" : " (NOT told)"));
      allTold &= trail.finished();
      if (OneIncident.verified(Optional.of(trail))) {
        verifiedIn.add(workload);
      }
    }
    long applied =
        stack.sandbox().writes().stream()
            .filter(io.backstop.sandbox.api.WriteRecord::applied)
            .count();
    long verifiedActions =
        log.map(
                l ->
                    l.events().stream()
                        .filter(ActionExecuted.class::isInstance)
                        .map(ActionExecuted.class::cast)
                        .filter(e -> e.status() == ExecutionStatus.VERIFIED)
                        .map(ActionExecuted::actionId)
                        .distinct()
                        .count())
            .orElse(0L);
    long approved =
        log.map(
                l ->
                    l.events().stream()
                        .filter(ActionApproved.class::isInstance)
                        .map(ActionApproved.class::cast)
                        .map(ActionApproved::actionId)
                        .distinct()
                        .count())
            .orElse(0L);
    List<String> stacked =
        stackedTargets(
            log.map(l -> l.events().stream().filter(ActionApproved.class::isInstance))
                .orElseGet(java.util.stream.Stream::empty)
                .map(ActionApproved.class::cast)
                .map(Approval::of)
                .toList());
    long breakerWrites = breakerWrites("shop");
    String observed =
        sent
            + " sent in "
            + postSeconds
            + " s ("
            + refused
            + " refused); "
            + incidents.size()
            + " incident(s); "
            + counted
            + " counted, "
            + Math.max(0, sent - counted)
            + " lost; ends "
            + ends
            + "; "
            + applied
            + " applied write(s) for "
            + verifiedActions
            + " verified action(s) (verified in "
            + (verifiedIn.isEmpty() ? "none" : String.join(", ", verifiedIn))
            + "); "
            + approved
            + " approved write(s) ("
            + (stacked.isEmpty() ? "none stacked on one target" : String.join(", ", stacked))
            + "), the breaker counts "
            + breakerWrites;
    return ChaosRow.of(
        FAULT,
        EXPECTATION,
        observed,
        refused == 0
            && incidents.size() == CAUSES.size()
            && counted == sent
            && allTold
            && applied == 1
            && verifiedActions == 1
            && stacked.isEmpty()
            && breakerWrites == approved);
  }

  private static IncidentTrail trail(AuditLog log, IncidentId id) {
    return new IncidentTrail(id, log.timeline(id));
  }

  private static String workloadOf(Map<String, IncidentRecord> groups, IncidentId id) {
    return groups.entrySet().stream()
        .filter(e -> e.getValue().incidentId().equals(id))
        .map(Map.Entry::getKey)
        .map(key -> key.substring(key.lastIndexOf('=') + 1))
        .findFirst()
        .orElse(id.value());
  }

  private static long deliveries(Map<String, IncidentRecord> groups) {
    return groups.values().stream().mapToLong(IncidentRecord::deliveries).sum();
  }

  /** One webhook delivery: {@link #BATCH} firing alerts of one cause, one per pod. */
  private static Map<String, Object> batch(String cause, int from, Instant startsAt) {
    List<Map<String, Object>> alerts = new ArrayList<>();
    Map<String, String> common = new TreeMap<>();
    common.put("alertname", "HighErrorRate");
    common.put("severity", "critical");
    common.put("namespace", "shop");
    common.put("deployment", cause);
    for (int i = from; i < from + BATCH; i++) {
      Map<String, String> labels = new TreeMap<>(common);
      labels.put("instance", cause + "-pod-" + i);
      Map<String, Object> one = new TreeMap<>();
      one.put("status", "firing");
      one.put("labels", labels);
      one.put("annotations", Map.of("summary", cause + " 5xx ratio above 5% for 1m"));
      one.put("startsAt", startsAt.toString());
      one.put("endsAt", "0001-01-01T00:00:00Z");
      one.put("generatorURL", "http://127.0.0.1/backstop/chaos-storm");
      one.put("fingerprint", AlertInjector.fingerprint(labels));
      alerts.add(one);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", "4");
    body.put("status", "firing");
    body.put("receiver", "backstop");
    body.put("groupKey", "{}:{alertname=\"HighErrorRate\",deployment=\"" + cause + "\"}");
    body.put("truncatedAlerts", 0);
    body.put("groupLabels", Map.of("alertname", "HighErrorRate"));
    body.put("commonLabels", common);
    body.put("commonAnnotations", Map.of());
    body.put("externalURL", "http://127.0.0.1/alertmanager");
    body.put("alerts", alerts);
    return body;
  }

  /** Posts one delivery; the number of its alerts that were refused (all of them on a non-2xx). */
  private int post(Map<String, Object> body) {
    HttpRequest request =
        HttpRequest.newBuilder(stack.triageWebhook())
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(EventCodec.mapper().writeValueAsString(body)))
            .build();
    try {
      int code = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return code / 100 == 2 ? 0 : BATCH;
    } catch (IOException e) {
      return BATCH;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChaosException("interrupted posting the storm");
    }
  }

  /** Triage's committed group state (its compacted topic, read_committed), by group key. */
  private Map<String, IncidentRecord> triageGroups() {
    Map<String, Object> config = new HashMap<>(stack.kafkaClient().properties());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    Map<String, IncidentRecord> state = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      var partitions =
          ReadToEnd.partitions(
              consumer, Topics.TRIAGE_INCIDENTS, Duration.ofSeconds(30), ChaosException::new);
      ReadToEnd.read(
          consumer,
          partitions,
          Duration.ofSeconds(30),
          (ConsumerRecord<byte[], byte[]> r) -> apply(r, state),
          ChaosException::new);
    }
    return state;
  }

  private static void apply(ConsumerRecord<byte[], byte[]> r, Map<String, IncidentRecord> state) {
    String key = new String(r.key(), StandardCharsets.UTF_8);
    if (key.startsWith("gather/")) {
      return;
    }
    if (r.value() == null) {
      state.remove(key);
    } else {
      state.put(key, EventCodec.mapper().readValue(r.value(), IncidentRecord.class));
    }
  }

  /** The writes the guardrail's breaker counts for {@code namespace} now (its admin API). */
  /**
   * One approval as the storm row judges it: its target, its incident, whether a person gave it.
   */
  record Approval(String target, String incident, boolean byPerson) {
    static Approval of(ActionApproved a) {
      return new Approval(
          a.action().target().namespace() + "/" + a.action().target().name(),
          a.incidentId().value(),
          !a.approvers().isEmpty());
    }
  }

  /**
   * The targets the guardrail approved on its own for more than one incident, each with how many: a
   * second automated write stacked on another incident's write (the storm runs for minutes, well
   * inside breaker.cooldown, so action.target-settling must send it to a person instead). A
   * person's approval of that escalation is the rule working and does not count; the same
   * incident's own follow-up is the loop rule's and does not count either.
   */
  static List<String> stackedTargets(List<Approval> approvals) {
    Map<String, java.util.Set<String>> incidentsPerTarget = new TreeMap<>();
    for (Approval a : approvals) {
      if (!a.byPerson()) {
        incidentsPerTarget
            .computeIfAbsent(a.target(), t -> new java.util.TreeSet<>())
            .add(a.incident());
      }
    }
    return incidentsPerTarget.entrySet().stream()
        .filter(e -> e.getValue().size() > 1)
        .map(
            e -> e.getKey() + " approved for " + e.getValue().size() + " incidents " + e.getValue())
        .toList();
  }

  private long breakerWrites(String namespace) {
    URI uri =
        URI.create("http://127.0.0.1:" + stack.options().ports().guardrail() + "/api/v1/breakers");
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + stack.credentials().guardrailAdmin())
            .GET()
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new ChaosException(
            "the guardrail's breaker API answered HTTP " + response.statusCode());
      }
      JsonNode breakers = EventCodec.mapper().readTree(response.body());
      for (JsonNode breaker : breakers) {
        if (namespace.equals(breaker.path("namespace").asString())) {
          return breaker.path("writesInWindow").asLong();
        }
      }
      return 0;
    } catch (IOException e) {
      throw new ChaosException("the guardrail's breaker API cannot be read", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChaosException("interrupted reading the breakers");
    }
  }
}
