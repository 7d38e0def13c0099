package io.backstop.triage.harness;

import io.backstop.events.AlertReceived;
import io.backstop.events.IncidentEvent;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Alerts;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.redaction.Redactor;
import io.backstop.stream.EventPublisher;
import io.backstop.triage.evidence.GatheringLimits;
import io.backstop.triage.evidence.SignalGatherer;
import io.backstop.triage.incident.AlertAdmission;
import io.backstop.triage.incident.AlertGrouping;
import io.backstop.triage.incident.Gathering;
import io.backstop.triage.incident.GroupingPolicy;
import io.backstop.triage.incident.IncidentBook;
import io.backstop.triage.incident.IncidentRecord;
import io.backstop.triage.incident.IncidentStore;
import io.backstop.triage.metrics.PrometheusSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prints two figures of triage's own CPU cost, without Kafka or a cluster: redaction throughput
 * over the corpus, and how many alerts per second admission decides in a storm (dedup, state, audit
 * sampling; the one gathering is without sources). Run with {@code java -cp ...
 * io.backstop.triage.harness.TriageHarness}; it is not a test and asserts nothing.
 */
public final class TriageHarness {

  private TriageHarness() {}

  public static void main(String[] args) throws IOException {
    redaction();
    storm(200_000);
  }

  static void redaction() throws IOException {
    StringBuilder corpus = new StringBuilder();
    for (String f :
        new String[] {"log-lines.txt", "env-style.txt", "annotations.txt", "benign.txt"}) {
      try (InputStream in = TriageHarness.class.getResourceAsStream("/redaction-corpus/" + f)) {
        corpus.append(
            new String(in.readAllBytes(), StandardCharsets.UTF_8)
                .replace("«", "")
                .replace("»", ""));
      }
    }
    String text = corpus.toString();
    List<String> lines = text.lines().toList();
    Redactor redactor = new Redactor();
    measure("whole corpus as one text", redactor, List.of(text), 500);
    measure("corpus line by line", redactor, lines, 500);
  }

  private static void measure(String what, Redactor redactor, List<String> texts, int rounds) {
    for (int i = 0; i < rounds / 5; i++) {
      texts.forEach(redactor::redact);
    }
    long chars = texts.stream().mapToLong(String::length).sum() * rounds;
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      texts.forEach(redactor::redact);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("redaction, %s: %.2f MiB/s%n", what, chars / seconds / (1 << 20));
  }

  static void storm(int alerts) {
    Map<String, IncidentRecord> states = new HashMap<>();
    AtomicInteger audited = new AtomicInteger();
    AtomicInteger published = new AtomicInteger();
    ExecutorService executor = Executors.newSingleThreadExecutor();
    AlertAdmission admission =
        new AlertAdmission(
            new AlertGrouping(GroupingPolicy.defaults()),
            new IncidentBook(GroupingPolicy.defaults()),
            new IncidentStore() {
              @Override
              public Optional<IncidentRecord> find(String groupKey) {
                return Optional.ofNullable(states.get(groupKey));
              }

              @Override
              public void save(IncidentRecord state) {
                states.put(state.groupKey(), state);
              }
            },
            Gathering.now(
                new SignalGatherer(
                    Optional.empty(),
                    PrometheusSettings.unconfigured(),
                    GatheringLimits.defaults(),
                    new Redactor(),
                    executor,
                    Fixtures.CLOCK),
                new CountingPublisher(audited, published)),
            new CountingPublisher(audited, published),
            new Redactor(),
            Fixtures.CLOCK);
    AlertReceived alert = Alerts.checkoutErrorRate();
    long start = System.nanoTime();
    for (int i = 0; i < alerts; i++) {
      admission.admit(alert);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    executor.shutdownNow();
    System.out.printf(
        "storm: %d duplicate alerts admitted in %.2f s (%.0f alerts/s),"
            + " %d incident, %d SignalsGathered, %d audit records%n",
        alerts, seconds, alerts / seconds, states.size(), published.get(), audited.get());
  }

  private record CountingPublisher(AtomicInteger audited, AtomicInteger published)
      implements EventPublisher {
    @Override
    public <T extends IncidentEvent> T publish(T event) {
      published.incrementAndGet();
      return EventCodec.seal(event);
    }

    @Override
    public <T extends IncidentEvent> T record(T event) {
      audited.incrementAndGet();
      return EventCodec.seal(event);
    }

    @Override
    public <T extends IncidentEvent> T forward(T event) {
      return event;
    }
  }
}
