package io.backstop.guardrail.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.ActionApproved;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.Escalated;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Stage;
import io.backstop.events.Topics;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Keys;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.id.IncidentId;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.guardrail.GuardrailApplication;
import io.backstop.guardrail.state.GuardrailState;
import io.backstop.guardrail.state.Ownership;
import io.backstop.safety.breaker.BreakerState;
import io.backstop.safety.breaker.NamespaceBreaker;
import io.backstop.stream.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Two guardrail instances in one consumer group on a real KRaft broker (issue 14's scale-out): a
 * namespace's breaker has exactly one owner, the instance holding its partition of the guardrail's
 * inputs, so the two never both allow a write the breaker forbids; the other instance follows the
 * audit and holds the same breaker; and when the owner goes away mid-storm the survivor takes the
 * partition over with everything the owner committed, so nothing is lost, nothing is decided twice,
 * and no write beyond the limit is allowed across the handover. Each test has a broker of its own
 * (the group's assignment is part of what is tested). No timing is asserted: the waits are bounds.
 */
class TwoGuardrailsIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String TOKEN = GuardrailIntegration.ADMIN_TOKEN;
  private static final Set<Class<?>> DECISIONS =
      Set.of(
          ActionApproved.class,
          Escalated.class,
          io.backstop.events.ApprovalRequested.class,
          io.backstop.events.DiagnosisRejected.class);

  private EmbeddedKafkaKraftBroker kafka;
  private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

  @BeforeEach
  void broker() {
    kafka = new EmbeddedKafkaKraftBroker(1, 3);
    kafka.brokerProperties(
        Map.of(
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "offsets.topic.replication.factor", "1",
            "auto.create.topics.enable", "false",
            "group.initial.rebalance.delay.ms", "0",
            "transaction.abort.timed.out.transaction.cleanup.interval.ms", "500"));
    kafka.afterPropertiesSet();
  }

  @AfterEach
  void stopInstancesAndBroker() {
    instances.forEach(ConfigurableApplicationContext::close);
    instances.clear();
    kafka.destroy();
  }

  @Test
  void twoInstancesAllowOnlyTheWritesOneBreakerAllowsAndBothHoldTheSameBreaker() {
    var a = start();
    var b = start();
    awaitSplit(a, b);
    List<IncidentId> storm = new ArrayList<>();
    try (var probe = TopicProbe.connect(kafka.getBrokersAsString())) {
      for (int i = 0; i < 12; i++) {
        storm.add(propose(probe, "storm"));
      }
      Map<IncidentId, List<IncidentEvent>> decided = awaitDecisions(probe, storm);

      assertOneDecisionEach(decided, storm);
      assertThat(approvals(decided))
          .as(
              "shop's breaker allows one incident's automated write to checkout while it has not"
                  + " settled (action.target-settling: no outcome is ever sent here), so the other"
                  + " 11 go to a person; two instances with a breaker each would have allowed 2")
          .isEqualTo(1);
      await(
          () -> writes(a) == 1 && writes(b) == 1,
          () -> "both instances hold shop's 1 write: a=" + writes(a) + " b=" + writes(b));
    }
  }

  @Test
  void failedRecoveriesTripANamespaceBreakerExactlyOnceAndBothInstancesSeeItOpen() {
    var a = start();
    var b = start();
    awaitSplit(a, b);
    WorkloadRef billing = WorkloadRef.deployment("payments", "billing");
    try (var probe = TopicProbe.connect(kafka.getBrokersAsString())) {
      List<IncidentId> incidents = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        IncidentId incident = TestIncidents.fresh("recovery");
        incidents.add(incident);
        probe.send(
            Topics.OUTCOMES,
            TestIncidents.outcome(incident, billing, ExecutionStatus.NOT_RECOVERED, i + 1, 5 - i));
      }
      await(
          () -> open(a, "payments") && open(b, "payments"),
          () ->
              "payments OPEN on both: a="
                  + breaker(a, "payments")
                  + " b="
                  + breaker(b, "payments"));
      List<Escalated> trips =
          trips(
              probe.readUntil(Topics.AUDIT, rs -> !trips(rs, incidents).isEmpty(), WAIT),
              incidents);
      assertThat(trips).as("one announcement of payments' trip, by its owner").hasSize(1);
      assertThat(breaker(a, "payments").openedAt()).isEqualTo(breaker(b, "payments").openedAt());
    }
  }

  @Test
  void killingTheOwnerMidStormLosesNothingDecidesNothingTwiceAndAllowsNoExtraWrite() {
    var a = start();
    var b = start();
    awaitSplit(a, b);
    var owner = owns(a, "shop") ? a : b;
    var survivor = owner == a ? b : a;
    List<IncidentId> storm = new ArrayList<>();
    try (var probe = TopicProbe.connect(kafka.getBrokersAsString())) {
      for (int i = 0; i < 10; i++) {
        storm.add(propose(probe, "before"));
      }
      awaitDecisions(probe, storm.subList(0, 3));
      owner.close();
      instances.remove(owner);
      for (int i = 0; i < 10; i++) {
        storm.add(propose(probe, "after"));
      }
      Map<IncidentId, List<IncidentEvent>> decided = awaitDecisions(probe, storm);

      assertOneDecisionEach(decided, storm);
      assertThat(approvals(decided))
          .as(
              "the survivor took over shop's breaker with the owner's unsettled write to checkout:"
                  + " still 1 in all")
          .isEqualTo(1);
      // The survivor took the partition over; a rebalance still settling may hold it a moment.
      await(
          () -> owns(survivor, "shop") && writes(survivor) == 1,
          () ->
              "the survivor owns shop with its 1 write: partitions="
                  + survivor.getBean(Ownership.class).partitions()
                  + " writes="
                  + writes(survivor));
    }
  }

  // --- helpers

  private static List<Escalated> trips(
      List<ConsumerRecord<String, byte[]>> records, List<IncidentId> incidents) {
    return records.stream()
        .map(r -> EventCodec.decode(r.value()))
        .filter(Escalated.class::isInstance)
        .map(Escalated.class::cast)
        .filter(e -> e.reason() == EscalationReason.BREAKER_OPEN)
        .filter(e -> incidents.contains(e.incidentId()))
        .toList();
  }

  private ConfigurableApplicationContext start() {
    var context =
        new SpringApplicationBuilder(GuardrailApplication.class, FixedClockConfiguration.class)
            .properties(
                "spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                "spring.main.banner-mode=off",
                "backstop.guardrail.admin-token=" + TOKEN,
                "backstop.guardrail.follow-interval=PT0.2S")
            .run(
                "--server.port=0",
                "--backstop.guardrail.signing.private-key=" + Keys.GUARDRAIL_PRIVATE_PEM_ONE_LINE);
    instances.add(context);
    return context;
  }

  /** Waits until the group gave each instance some of the three partitions, and all of them. */
  private static void awaitSplit(
      ConfigurableApplicationContext a, ConfigurableApplicationContext b) {
    await(
        () -> {
          Set<Integer> pa = a.getBean(Ownership.class).partitions();
          Set<Integer> pb = b.getBean(Ownership.class).partitions();
          Set<Integer> all = new HashSet<>(pa);
          all.addAll(pb);
          return !pa.isEmpty() && !pb.isEmpty() && all.size() == 3;
        },
        () ->
            "partitions split: a="
                + a.getBean(Ownership.class).partitions()
                + " b="
                + b.getBean(Ownership.class).partitions());
  }

  private static IncidentId propose(TopicProbe probe, String label) {
    IncidentId incident = TestIncidents.fresh(label);
    DiagnosisProposed proposal = TestIncidents.under(incident, Diagnoses.honestRollback());
    probe.send(Topics.DIAGNOSES, proposal);
    return incident;
  }

  /** Every guardrail decision on the audit for these incidents, once each has at least one. */
  private static Map<IncidentId, List<IncidentEvent>> awaitDecisions(
      TopicProbe probe, List<IncidentId> incidents) {
    Set<String> wanted = incidents.stream().map(IncidentId::value).collect(Collectors.toSet());
    List<ConsumerRecord<String, byte[]>> records =
        probe.readUntil(
            Topics.AUDIT, rs -> decisions(rs, wanted).keySet().size() >= wanted.size(), WAIT);
    return decisions(records, wanted);
  }

  private static Map<IncidentId, List<IncidentEvent>> decisions(
      List<ConsumerRecord<String, byte[]>> records, Set<String> wanted) {
    return records.stream()
        .filter(r -> r.key() != null && wanted.contains(r.key().split("/", 2)[0]))
        .map(r -> EventCodec.decode(r.value()))
        .filter(e -> e.header().stage() == Stage.GUARDRAIL && DECISIONS.contains(e.getClass()))
        .collect(Collectors.groupingBy(IncidentEvent::incidentId));
  }

  private static void assertOneDecisionEach(
      Map<IncidentId, List<IncidentEvent>> decided, List<IncidentId> incidents) {
    assertThat(decided.keySet()).containsExactlyInAnyOrderElementsOf(incidents);
    decided.forEach(
        (incident, events) -> assertThat(events).as("decisions of " + incident).hasSize(1));
  }

  private static long approvals(Map<IncidentId, List<IncidentEvent>> decided) {
    return decided.values().stream()
        .flatMap(List::stream)
        .filter(ActionApproved.class::isInstance)
        .count();
  }

  private static boolean owns(ConfigurableApplicationContext instance, String namespace) {
    return instance.getBean(Ownership.class).owns(namespace);
  }

  private static NamespaceBreaker breaker(
      ConfigurableApplicationContext instance, String namespace) {
    return instance.getBean(GuardrailState.class).breakers().of(namespace);
  }

  private static boolean open(ConfigurableApplicationContext instance, String namespace) {
    return breaker(instance, namespace).state() == BreakerState.OPEN;
  }

  private static long writes(ConfigurableApplicationContext instance) {
    return instance
        .getBean(GuardrailState.class)
        .breakers()
        .recentWritesTo("shop", Signals.CHECKOUT.name());
  }

  private static void await(BooleanSupplier done, java.util.function.Supplier<String> what) {
    Instant deadline = Instant.now().plus(WAIT);
    while (!done.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within " + WAIT + ": " + what.get());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what.get(), e);
      }
    }
  }
}
