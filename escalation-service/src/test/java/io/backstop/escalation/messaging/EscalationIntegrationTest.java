package io.backstop.escalation.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.backstop.escalation.Operations;
import io.backstop.events.ActionApproved;
import io.backstop.events.ApprovalRequested;
import io.backstop.events.Escalated;
import io.backstop.events.EscalationDelivered;
import io.backstop.events.HumanDecision;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.escalation.Channel;
import io.backstop.events.escalation.DeliveryStatus;
import io.backstop.infra.pager.PagerInbox;
import io.backstop.infra.ticket.TicketMcpServer;
import io.backstop.stream.EventPublisher;
import io.backstop.stream.testing.EmbeddedBackstopKafka;
import io.backstop.stream.testing.TopicProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EmbeddedBackstopKafka
class EscalationIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Path DATA = tempDir();
  private static final PagerInbox PAGER = PagerInbox.start(0, DATA.resolve("pager"));
  private static final TicketMcpServer TICKETS =
      TicketMcpServer.start(0, DATA.resolve("tickets"), "it-token", List.of("http://localhost:*"));

  @Autowired EventPublisher publisher;

  @Autowired
  @org.springframework.beans.factory.annotation.Qualifier("escalateDeadLetter")
  java.util.function.Consumer<org.springframework.messaging.Message<byte[]>> escalateDeadLetter;

  @Autowired io.micrometer.core.instrument.MeterRegistry meters;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  @DynamicPropertySource
  static void localServers(DynamicPropertyRegistry registry) {
    registry.add("backstop.escalation.pager.url", () -> PAGER.url().toString());
    registry.add("backstop.escalation.pager.routing-key", () -> "it-routing-key");
    registry.add("backstop.escalation.pager.retry.initial-backoff", () -> "10ms");
    registry.add("backstop.escalation.pager.retry.max-backoff", () -> "20ms");
    registry.add("backstop.escalation.pager.retry.max-attempts", () -> "3");
    registry.add("backstop.escalation.pager.request-timeout", () -> "10s");
    registry.add("backstop.escalation.pager.background-retry.initial-backoff", () -> "200ms");
    registry.add("backstop.escalation.pager.background-retry.max-backoff", () -> "1s");
    // Short enough that a consumer transaction held open across a slow receiver is aborted by the
    // broker (and its commit fails), as a longer one would be under load in production.
    registry.add(
        "spring.cloud.stream.kafka.binder.transaction.producer.configuration.transaction.timeout.ms",
        () -> "3000");
    registry.add("backstop.escalation.ticket.url", () -> TICKETS.url().toString());
    registry.add("backstop.escalation.ticket.token", () -> "it-token");
    registry.add("backstop.escalation.ticket.retry.initial-backoff", () -> "10ms");
    registry.add("backstop.escalation.ticket.retry.max-backoff", () -> "20ms");
    registry.add("backstop.escalation.console.public-url", () -> CONSOLE);
  }

  private static final String CONSOLE = "https://backstop.example";

  @AfterAll
  static void stopServers() throws IOException {
    TICKETS.close();
    PAGER.close();
    try (var paths = Files.walk(DATA)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void anEscalationPagesOnceAndOpensOneTicketContainingTheTimeline() throws Exception {
    String incident = "inc-it-escalate";
    Escalated escalated = escalate(incident);

    await().atMost(WAIT).until(() -> deliveries(incident).size() == 2);

    assertThat(PAGER.received(incident))
        .singleElement()
        .satisfies(
            page -> {
              assertThat(page.eventAction()).isEqualTo("trigger");
              assertThat(page.body()).containsEntry("routing_key", "it-routing-key");
              assertThat(page.payload()).containsEntry("severity", "critical");
            });
    assertThat(deliveries(incident))
        .extracting(EscalationDelivered::operation)
        .containsExactlyInAnyOrder(Operations.TRIGGER, Operations.CREATE_TICKET);
    assertThat(deliveries(incident))
        .allSatisfy(
            d -> {
              assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED);
              assertThat(d.header().causationId()).isEqualTo(escalated.eventId());
            });
    String ticket = ticketOf(incident);
    assertThat(ticket)
        .contains("HighErrorRatio, CRITICAL, FIRING")
        .contains("## Model calls")
        .contains("- DENY by `single-deployment-scope`")
        .contains("suggested human action")
        .contains("hash chain: verified");
  }

  @Test
  void aRedeliveredEscalationChangesNothing() throws Exception {
    String incident = "inc-it-redelivered";
    Escalated escalated = escalate(incident);
    await().atMost(WAIT).until(() -> deliveries(incident).size() == 2);

    try (TopicProbe probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.ESCALATIONS, escalated);
    }
    awaitConsumed(Topics.ESCALATIONS);

    assertThat(PAGER.received(incident)).hasSize(1);
    assertThat(deliveries(incident)).hasSize(2);
    assertThat(ticketsFor(incident)).isEqualTo(1);
    assertThat(meters.get("backstop.escalation.ledger.incidents").gauge().value())
        .as("incidents in the bounded delivery ledger")
        .isGreaterThanOrEqualTo(1);
    assertThat(meters.get("backstop.escalation.ledger.forgotten").functionCounter().count())
        .isZero();
  }

  @Test
  void aVerifiedActionTellsTheOnCallItActedThenResolvesThePage() throws Exception {
    String incident = "inc-it-verified";
    List<IncidentEvent> honest = Incidents.verified(incident);
    honest.subList(0, 4).forEach(publisher::record);

    publisher.publish(honest.get(4));

    await().atMost(WAIT).until(() -> "resolved".equals(PAGER.states().get(incident)));
    assertThat(PAGER.received(incident))
        .extracting(e -> e.eventAction())
        .containsExactly("trigger", "resolve");
    assertThat(PAGER.received(incident).get(0).payload()).containsEntry("severity", "info");
    // trigger, resolve, create_ticket, update_ticket, and the write's change event
    await().atMost(WAIT).until(() -> deliveries(incident).size() == 5);
    assertThat(ticketOf(incident))
        .contains("- status: resolved")
        .contains("executed: **VERIFIED**")
        .contains("hash chain: verified");
  }

  @Test
  void aDeniedApprovalTellsTheTicketAndThePageWhoDeniedItWhenAndWhereAndNeverResolves()
      throws Exception {
    String incident = "inc-it-approval-denied";
    List<IncidentEvent> chain = Incidents.approvalDenied(incident);
    ApprovalRequested request = (ApprovalRequested) chain.get(3);
    HumanDecision denial = (HumanDecision) chain.get(4);
    requestApproval(chain);

    chain.subList(4, 5).forEach(publisher::record);
    publisher.publish(chain.get(5));

    await().atMost(WAIT).until(() -> deliveries(incident).size() == 4);
    String url = CONSOLE + "/approvals/" + request.actionId();
    assertThat(ticketComments(incident))
        .last()
        .asString()
        .contains(
            "DENIED by bob at "
                + denial.decidedAt()
                + " (console 10.0.0.7: \"not during the payments freeze\")")
        .contains("Nothing was written; the incident stays open until a person closes it.")
        .contains("Console: " + url);
    assertThat(ticketOf(incident)).contains("- status: open").contains("status: APPROVAL_DENIED");
    assertThat(PAGER.received(incident))
        .extracting(e -> e.eventAction())
        .containsExactly("trigger", "trigger");
    var page = PAGER.received(incident).get(1);
    assertThat(customDetails(page))
        .containsEntry("approval_outcome", "DENIED")
        .containsEntry("approval_ended_at", denial.decidedAt().toString());
    assertThat(page.body().get("links").toString()).contains(url);
    assertThat(PAGER.states().get(incident)).isNotEqualTo("resolved");
  }

  @Test
  void aLapsedApprovalTellsTheTicketWhenItLapsedAndNeverResolves() throws Exception {
    String incident = "inc-it-approval-expired";
    List<IncidentEvent> chain = Incidents.approvalExpired(incident);
    ApprovalRequested request = (ApprovalRequested) chain.get(3);
    requestApproval(chain);

    publisher.publish(chain.get(4));

    await().atMost(WAIT).until(() -> deliveries(incident).size() == 4);
    assertThat(ticketComments(incident))
        .last()
        .asString()
        .contains("EXPIRED at " + request.expiresAt() + " with 0 of 1 approval(s)")
        .contains("Console: " + CONSOLE + "/approvals/" + request.actionId());
    assertThat(ticketOf(incident)).contains("- status: open");
    assertThat(customDetails(PAGER.received(incident).get(1)))
        .containsEntry("approval_outcome", "EXPIRED");
  }

  @Test
  void aPersonsApprovalIsAnnouncedOnTheTicketAndTheOpenPageOnceFromTheAuditLog() throws Exception {
    String incident = "inc-it-approval-approved";
    List<IncidentEvent> chain = Incidents.approvedByAlice(incident);
    HumanDecision yes = (HumanDecision) chain.get(4);
    requestApproval(chain);

    publisher.record(chain.get(4));
    ActionApproved approved = (ActionApproved) publisher.publish(chain.get(5));

    await().atMost(WAIT).until(() -> deliveries(incident).size() == 4);
    assertThat(ticketComments(incident))
        .last()
        .asString()
        .contains("APPROVED by alice at " + yes.decidedAt() + " (console 127.0.0.1: ")
        .contains("The executor writes it next");
    assertThat(ticketOf(incident)).contains("- status: open");
    assertThat(PAGER.received(incident)).hasSize(2);
    assertThat(PAGER.received(incident).get(1).payload().get("summary").toString())
        .contains("APPROVED by alice");
    assertThat(deliveries(incident))
        .filteredOn(d -> d.header().causationId().equals(approved.eventId()))
        .extracting(EscalationDelivered::operation)
        .containsExactlyInAnyOrder(Operations.TRIGGER, Operations.UPDATE_TICKET);

    redeliverOnTheAuditLogAndAwaitConsumed(approved);
    assertThat(PAGER.received(incident)).hasSize(2);
    assertThat(deliveries(incident)).hasSize(4);
  }

  @Test
  void aVerifiedActionDoesNotResolveAnIncidentWhoseOtherApprovalWasDenied() throws Exception {
    String incident = "inc-it-verified-after-denial";
    List<IncidentEvent> chain = Incidents.verifiedAfterADeniedApproval(incident);
    chain.subList(0, 7).forEach(publisher::record);

    publisher.publish(chain.get(7));

    // trigger, create_ticket, and the change event of the write that did happen
    await().atMost(WAIT).until(() -> deliveries(incident).size() == 3);
    assertThat(PAGER.received(incident))
        .extracting(e -> e.eventAction())
        .containsExactly("trigger");
    assertThat(PAGER.states().get(incident)).isNotEqualTo("resolved");
    assertThat(ticketOf(incident)).contains("- status: open");
    assertThat(ticketComments(incident).toString()).doesNotContain("resolved");
    assertThat(deliveries(incident))
        .extracting(EscalationDelivered::operation)
        .containsExactlyInAnyOrder(Operations.TRIGGER, Operations.CREATE_TICKET, Operations.CHANGE);
  }

  @Test
  void aPagerAnswering500Then202IsRetriedAndDelivers() {
    String incident = "inc-it-retried";
    PAGER.failNext(1, 500);

    escalate(incident);

    await().atMost(WAIT).until(() -> pageDelivery(incident) != null);
    assertThat(pageDelivery(incident).status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(pageDelivery(incident).attempts()).isEqualTo(2);
    assertThat(PAGER.received(incident)).hasSize(1);
  }

  @Test
  void aPagerThatIsDownForAWhileGetsThePageLaterAndNothingIsDeadLettered() throws Exception {
    String incident = "inc-it-pager-down";
    PAGER.failNext(9, 503);

    escalate(incident);

    await()
        .atMost(WAIT)
        .until(
            () ->
                deliveries(incident).stream()
                    .anyMatch(
                        d -> d.channel() == Channel.PAGE && d.status() == DeliveryStatus.PENDING));
    await().atMost(WAIT).until(() -> pageDelivery(incident) != null);
    assertThat(pageDelivery(incident).status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(PAGER.received(incident)).hasSize(1);
    assertThat(deliveries(incident))
        .filteredOn(d -> d.channel() == Channel.PAGE && d.status() == DeliveryStatus.PENDING)
        .allSatisfy(d -> assertThat(d.detail()).startsWith("503"));
    assertThat(readAll(Topics.deadLetter(Topics.ESCALATIONS)))
        .noneMatch(r -> incident.equals(r.key()));
  }

  @Test
  void aSlowPagerNeverMakesTheConsumersTransactionFail() throws Exception {
    String incident = "inc-it-slow-pager";
    List<IncidentEvent> honest = Incidents.verified(incident);
    honest.subList(0, 4).forEach(publisher::record);
    PAGER.delayNext(Duration.ZERO, Duration.ofSeconds(5));
    double failedBefore = failedListenerInvocations();

    publisher.publish(honest.get(4));

    await().atMost(WAIT).until(() -> "resolved".equals(PAGER.states().get(incident)));
    // trigger, resolve, create_ticket, update_ticket, and the write's change event
    await().atMost(WAIT).until(() -> deliveries(incident).size() == 5);
    assertThat(deliveries(incident)).allMatch(d -> d.status() == DeliveryStatus.DELIVERED);
    assertThat(PAGER.received(incident))
        .extracting(e -> e.eventAction())
        .containsExactly("trigger", "resolve");
    assertThat(readAll(Topics.deadLetter(Topics.OUTCOMES)))
        .noneMatch(r -> incident.equals(r.key()));
    assertThat(failedListenerInvocations())
        .as("consumer transactions that failed (aborted by the broker) and were retried")
        .isEqualTo(failedBefore);
  }

  /** Listener invocations that ended in an exception (a failed commit is one), so far. */
  private double failedListenerInvocations() {
    return meters.find("spring.kafka.listener").tag("result", "failure").timers().stream()
        .mapToDouble(t -> t.count())
        .sum();
  }

  @Test
  void aPagerThatRefusesThePageEndsInTheDeadLetterTopicWithThePayloadIntact() {
    String incident = "inc-it-pager-refuses";
    PAGER.failNext(1, 400);

    Escalated escalated = escalate(incident);

    ConsumerRecord<String, byte[]> dead = deadLetter(incident);
    assertThat(dead.value()).isEqualTo(EventCodec.encode(escalated));
    assertThat(TopicProbe.header(dead, "backstop_channel")).isEqualTo("PAGE");
    assertThat(TopicProbe.header(dead, "backstop_error_message")).startsWith("400");
    assertThat(TopicProbe.header(dead, "backstop_attempts")).isEqualTo("1");
    assertThat(TopicProbe.header(dead, "backstop_request"))
        .contains("\"dedup_key\":\"" + incident + "\"")
        .contains("\"event_action\":\"trigger\"");
    await().atMost(WAIT).until(() -> pageDelivery(incident) != null);
    assertThat(pageDelivery(incident).status()).isEqualTo(DeliveryStatus.DEAD_LETTERED);
    assertThat(
            meters
                .get(DeliveryMetrics.NAME)
                .tags("channel", "PAGE", "status", "DEAD_LETTERED")
                .counter()
                .count())
        .isGreaterThanOrEqualTo(1.0);
  }

  @Test
  void aDeadLetterCarriesTheRecordExactlyAsReceivedUnknownFieldsIncluded() {
    String incident = "inc-it-newer-producer";
    List<IncidentEvent> chain = Incidents.blocked(incident);
    chain.subList(0, 4).forEach(publisher::record);
    String json = EventCodec.encodeToString(chain.get(4));
    byte[] fromANewerProducer =
        json.replaceFirst("\\{", "{\"addedInV2\":\"kept\",").getBytes(StandardCharsets.UTF_8);
    PAGER.failNext(1, 400);
    try (TopicProbe probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.ESCALATIONS, incident, fromANewerProducer);
    }

    ConsumerRecord<String, byte[]> dead = deadLetter(incident);

    assertThat(dead.value()).isEqualTo(fromANewerProducer);
  }

  @Test
  void aMalformedEventGoesToTheDeadLetterTopic() {
    String incident = "inc-it-malformed";
    try (TopicProbe probe = TopicProbe.connect(bootstrap)) {
      probe.send(
          Topics.ESCALATIONS, incident, "{\"type\":\"Escalated\"".getBytes(StandardCharsets.UTF_8));
    }

    ConsumerRecord<String, byte[]> dead = deadLetter(incident);

    assertThat(new String(dead.value(), StandardCharsets.UTF_8))
        .isEqualTo("{\"type\":\"Escalated\"");
    assertThat(TopicProbe.header(dead, "backstop_error_class"))
        .isEqualTo("io.backstop.events.codec.EventDecodingException");
    // ... and the dead letter pages a person (escalateDeadLetter follows the .dlq topics).
    await().atMost(WAIT).until(() -> deliveries(incident).size() == 2);
    assertThat(PAGER.received(incident))
        .singleElement()
        .satisfies(
            page ->
                assertThat(page.payload().get("summary").toString())
                    .contains(
                        "Backstop could not process an unreadable record of incident "
                            + incident
                            + " from backstop.escalations.v1"
                            + " (io.backstop.events.codec.EventDecodingException"));
  }

  @Test
  void aRecordAHopDeadLetteredPagesOnceAndOpensOneTicketAndItsSecondDeliveryNothing()
      throws Exception {
    // What diagnosis does with a SignalsGathered it cannot decode: the record, its garbage key and
    // the error in headers, on the input's .dlq twin.
    var headers =
        new org.apache.kafka.common.header.internals.RecordHeaders()
            .add(
                "backstop_error_class",
                "io.backstop.events.codec.EventDecodingException".getBytes(StandardCharsets.UTF_8))
            .add(
                "backstop_error_message",
                ("unknown SymptomKind at findings " + "y".repeat(100_000))
                    .getBytes(StandardCharsets.UTF_8));
    byte[] key = {(byte) 0xff, '/', 0};
    byte[] value =
        "{\"type\":\"SignalsGathered\",\"findings\":{\"symptoms\":[\"NEW\"]}}"
            .getBytes(StandardCharsets.UTF_8);
    org.apache.kafka.clients.producer.RecordMetadata sent;
    try (var producer =
        new org.apache.kafka.clients.producer.KafkaProducer<>(
            Map.<String, Object>of("bootstrap.servers", bootstrap, "acks", "all"),
            new org.apache.kafka.common.serialization.ByteArraySerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      sent =
          producer
              .send(
                  new org.apache.kafka.clients.producer.ProducerRecord<>(
                      Topics.deadLetter(Topics.SIGNALS), null, key, value, headers))
              .get();
    }
    String incident =
        "unknown-incident."
            + Topics.deadLetter(Topics.SIGNALS)
            + ".EventDecodingException."
            + java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHH")
                .withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.ofEpochMilli(sent.timestamp()));

    await().atMost(WAIT).until(() -> deliveries(incident).size() == 2);
    assertThat(deliveries(incident))
        .extracting(EscalationDelivered::operation)
        .containsExactlyInAnyOrder(Operations.TRIGGER, Operations.CREATE_TICKET);
    assertThat(PAGER.received(incident))
        .singleElement()
        .satisfies(
            page -> {
              String summary = page.payload().get("summary").toString();
              assertThat(summary)
                  .contains(
                      "Backstop could not process SignalsGathered of an unknown incident from"
                          + " backstop.signals.v1 (io.backstop.events.codec.EventDecodingException:"
                          + " unknown SymptomKind at findings yyy")
                  .contains("... (clipped)): handle the alert by hand")
                  .hasSizeLessThan(1_024);
              assertThat(page.payload()).containsEntry("severity", "critical");
            });
    assertThat(ticketsFor(incident)).isEqualTo(1);

    // The same record delivered again (a replay, a restart before the commit): nothing new.
    var again =
        org.springframework.messaging.support.MessageBuilder.withPayload(value)
            .setHeader(
                org.springframework.kafka.support.KafkaHeaders.RECEIVED_TOPIC,
                Topics.deadLetter(Topics.SIGNALS))
            .setHeader(org.springframework.kafka.support.KafkaHeaders.RECEIVED_PARTITION, 0)
            .setHeader(org.springframework.kafka.support.KafkaHeaders.OFFSET, sent.offset())
            .setHeader(org.springframework.kafka.support.KafkaHeaders.RECEIVED_KEY, key)
            .setHeader(
                org.springframework.kafka.support.KafkaHeaders.RECEIVED_TIMESTAMP, sent.timestamp())
            .setHeader(
                "backstop_error_class",
                "io.backstop.events.codec.EventDecodingException".getBytes(StandardCharsets.UTF_8))
            .build();
    escalateDeadLetter.accept(again);

    assertThat(PAGER.received(incident)).hasSize(1);
    assertThat(ticketsFor(incident)).isEqualTo(1);
    assertThat(deliveries(incident)).hasSize(2);

    // A second unreadable record of the same burst (same topic, error and hour): the same page is
    // triggered again (one dedup key, so the on-call has one alert) and the one ticket is updated.
    try (var producer =
        new org.apache.kafka.clients.producer.KafkaProducer<>(
            Map.<String, Object>of("bootstrap.servers", bootstrap, "acks", "all"),
            new org.apache.kafka.common.serialization.ByteArraySerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      producer
          .send(
              new org.apache.kafka.clients.producer.ProducerRecord<>(
                  Topics.deadLetter(Topics.SIGNALS), 0, sent.timestamp(), key, value, headers))
          .get();
    }
    await().atMost(WAIT).until(() -> deliveries(incident).size() == 4);
    assertThat(deliveries(incident))
        .extracting(EscalationDelivered::operation)
        .containsExactlyInAnyOrder(
            Operations.TRIGGER,
            Operations.CREATE_TICKET,
            Operations.TRIGGER,
            Operations.UPDATE_TICKET);
    assertThat(PAGER.received(incident)).hasSize(2);
    assertThat(ticketsFor(incident)).isEqualTo(1);
  }

  /** What the stages before it do: record the chain on the audit, then emit the escalation. */
  private Escalated escalate(String incident) {
    List<IncidentEvent> chain = Incidents.blocked(incident);
    chain.subList(0, 4).forEach(publisher::record);
    return publisher.publish((Escalated) chain.get(4));
  }

  private List<EscalationDelivered> deliveries(String incident) {
    return readAll(Topics.DELIVERIES).stream()
        .filter(r -> incident.equals(r.key()))
        .map(r -> (EscalationDelivered) EventCodec.decode(r.value()))
        .toList();
  }

  /** Everything committed on the topic right now, as a read_committed consumer sees it. */
  private List<ConsumerRecord<String, byte[]>> readAll(String topic) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, byte[]>> records = new java.util.ArrayList<>();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
      return records;
    }
  }

  private EscalationDelivered pageDelivery(String incident) {
    return deliveries(incident).stream()
        .filter(d -> d.operation().equals(Operations.TRIGGER))
        .filter(d -> d.status() != DeliveryStatus.PENDING)
        .findFirst()
        .orElse(null);
  }

  private ConsumerRecord<String, byte[]> deadLetter(String incident) {
    try (TopicProbe probe = TopicProbe.connect(bootstrap)) {
      return probe
          .readUntil(
              Topics.deadLetter(Topics.ESCALATIONS),
              records -> records.stream().anyMatch(r -> incident.equals(r.key())),
              WAIT)
          .stream()
          .filter(r -> incident.equals(r.key()))
          .findFirst()
          .orElseThrow();
    }
  }

  /** Waits until the service's consumer group has committed past everything on the topic. */
  /**
   * Writes the event's record to the audit log again, as a replay would, and waits until the
   * service's group committed past it (the audit log also carries the service's own transaction
   * markers, so its end offset is no measure of what was consumed).
   */
  private void redeliverOnTheAuditLogAndAwaitConsumed(IncidentEvent event) throws Exception {
    org.apache.kafka.clients.producer.RecordMetadata sent;
    try (var producer =
        new org.apache.kafka.clients.producer.KafkaProducer<>(
            Map.<String, Object>of("bootstrap.servers", bootstrap, "acks", "all"),
            new org.apache.kafka.common.serialization.StringSerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      sent =
          producer
              .send(
                  new org.apache.kafka.clients.producer.ProducerRecord<>(
                      Topics.AUDIT,
                      null,
                      Topics.auditKey(event),
                      EventCodec.encode(event),
                      io.backstop.stream.publish.CloudEventHeaders.of(event, "guardrail-service")))
              .get();
    }
    TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      await()
          .atMost(WAIT)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                OffsetAndMetadata committed =
                    admin
                        .listConsumerGroupOffsets("escalation-service")
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .get(partition);
                return committed != null && committed.offset() > sent.offset();
              });
    }
  }

  private void awaitConsumed(String topic) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      await()
          .atMost(WAIT)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                Map<TopicPartition, OffsetAndMetadata> committed =
                    admin
                        .listConsumerGroupOffsets("escalation-service")
                        .partitionsToOffsetAndMetadata()
                        .get();
                var ends =
                    admin
                        .listOffsets(
                            committed.keySet().stream()
                                .filter(tp -> tp.topic().equals(topic))
                                .collect(
                                    java.util.stream.Collectors.toMap(
                                        tp -> tp, tp -> OffsetSpec.latest())))
                        .all()
                        .get();
                return !ends.isEmpty()
                    && ends.entrySet().stream()
                        .allMatch(e -> committed.get(e.getKey()).offset() >= e.getValue().offset());
              });
    }
  }

  /** The approval request is published; its page and ticket are delivered. */
  private void requestApproval(List<IncidentEvent> chain) {
    String incident = chain.get(0).incidentId().value();
    chain.subList(0, 3).forEach(publisher::record);
    publisher.publish(chain.get(3));
    await().atMost(WAIT).until(() -> deliveries(incident).size() == 2);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> customDetails(io.backstop.infra.pager.ReceivedEvent page) {
    return (Map<String, Object>) page.payload().get("custom_details");
  }

  /** The comments the ticket received, oldest first, from the ticket server's own record. */
  private static List<String> ticketComments(String incident) throws IOException {
    try (var files = Files.list(DATA.resolve("tickets"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        var ticket = EventCodec.mapper().readTree(Files.readString(f));
        if (incident.equals(ticket.path("incidentId").asText())) {
          List<String> comments = new java.util.ArrayList<>();
          ticket.path("comments").forEach(c -> comments.add(c.path("text").asText()));
          return comments;
        }
      }
    }
    throw new AssertionError("no ticket for " + incident);
  }

  private static String ticketOf(String incident) throws IOException {
    try (var files = Files.list(DATA.resolve("tickets"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".md")).toList()) {
        String text = Files.readString(f);
        if (text.contains("- incident: " + incident + "\n")) {
          return text;
        }
      }
    }
    throw new AssertionError("no ticket for " + incident);
  }

  private static long ticketsFor(String incident) throws IOException {
    try (var files = Files.list(DATA.resolve("tickets"))) {
      return files
          .filter(p -> p.toString().endsWith(".json"))
          .filter(p -> read(p).contains("\"incidentId\":\"" + incident + "\""))
          .count();
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("escalation-it");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
