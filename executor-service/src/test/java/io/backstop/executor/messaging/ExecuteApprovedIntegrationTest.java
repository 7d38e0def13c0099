package io.backstop.executor.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.BreakerReset;
import io.backstop.events.Escalated;
import io.backstop.events.EventHeader;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Stage;
import io.backstop.events.Topics;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.action.Preconditions;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Keys;
import io.backstop.events.id.ActionId;
import io.backstop.events.id.IncidentId;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.executor.ExecutorProperties;
import io.backstop.executor.check.WriteBreaker;
import io.backstop.executor.fixtures.Approvals;
import io.backstop.executor.fixtures.InMemoryLedger;
import io.backstop.executor.ledger.BreakerReplay;
import io.backstop.executor.ledger.KafkaLedger;
import io.backstop.executor.ledger.LedgerEntry;
import io.backstop.executor.ledger.LedgerState;
import io.backstop.executor.review.SafetyBreaker;
import io.backstop.safety.breaker.BreakerSettings;
import io.backstop.safety.breaker.Breakers;
import io.backstop.sandbox.SandboxCluster;
import io.backstop.sandbox.SandboxOptions;
import io.backstop.sandbox.spec.SandboxSpec;
import io.backstop.scenario.ScenarioLoader;
import io.backstop.stream.testing.EmbeddedBackstopKafka;
import io.backstop.stream.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service end to end: approvals on the actions topic of an embedded KRaft broker, the write
 * credentials pointed at the sandbox cluster of the headline scenario (its executor token, its
 * deployment controller), the real re-check over backstop-safety's default policy file and the
 * ledger on its compacted topic.
 */
@SpringBootTest(
    properties = {
      "spring.main.banner-mode=off",
      "backstop.executor.allowed-namespaces=shop",
      "backstop.executor.verification.timeout=30s",
      "backstop.executor.verification.poll-interval=100ms",
      "backstop.executor.guardrail-public-keys=" + Keys.GUARDRAIL_PUBLIC_PEM_ONE_LINE
    })
@EmbeddedBackstopKafka
class ExecuteApprovedIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final SandboxCluster SANDBOX =
      SandboxCluster.start(
          SandboxSpec.from(
              ScenarioLoader.loadResource("scenarios/bad-deploy-hallucinated-sha.yaml")),
          SandboxOptions.fast());

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  @org.springframework.beans.factory.annotation.Autowired
  io.micrometer.core.instrument.MeterRegistry meters;

  @DynamicPropertySource
  static void cluster(DynamicPropertyRegistry registry) {
    registry.add("backstop.executor.kubernetes.master-url", SANDBOX::httpUrl);
    registry.add("backstop.executor.kubernetes.token", () -> SANDBOX.tokens().executor());
  }

  @AfterAll
  static void stopSandbox() {
    SANDBOX.close();
  }

  @Test
  void rollsBackOnceForAnApprovalDeliveredTwiceAndReportsAlreadyAppliedTheSecondTime() {
    ActionApproved approval = Approvals.rollbackCheckout();
    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.ACTIONS, approval);
      ActionExecuted first = outcomeOf(probe, approval.actionId(), 1).get(0);
      probe.send(Topics.ACTIONS, approval);
      List<ActionExecuted> both = outcomeOf(probe, approval.actionId(), 2);

      assertThat(first.status()).as(first.reason()).isEqualTo(ExecutionStatus.VERIFIED);
      assertThat(both)
          .extracting(ActionExecuted::status)
          .containsExactly(ExecutionStatus.VERIFIED, ExecutionStatus.ALREADY_APPLIED);
      assertThat(SANDBOX.snapshot().appliedWritesTo("checkout")).hasSize(1);
      assertThat(SANDBOX.snapshot().deployment("shop", "checkout").orElseThrow().gitSha())
          .isEqualTo(io.backstop.events.fixtures.Signals.SHA_REV2);
      assertThat(audited(probe, first)).isTrue();
      assertThat(
              meters
                  .get(ExecutorFunctions.OUTCOMES)
                  .tag("status", "ALREADY_APPLIED")
                  .tag("action", "ROLLBACK")
                  .counter()
                  .count())
          .isEqualTo(1.0);
      List<String> ledger =
          probe.awaitRecords(Topics.EXECUTOR_LEDGER, 3, WAIT).stream()
              .filter(r -> r.key().equals(approval.actionId().toString()))
              .map(r -> new String(r.value(), StandardCharsets.UTF_8))
              .toList();
      assertThat(ledger.get(0)).contains("IN_PROGRESS");
      assertThat(ledger.get(1)).contains("APPLIED");
    }
  }

  @Test
  void aForgedApprovalForAProtectedDeploymentIsRefusedAndEscalatedWithoutAWrite() {
    ActionApproved forged =
        Approvals.forgedRestartOf(
            WorkloadRef.deployment("shop", "prod-db"),
            new Preconditions(1, null, "registry.local/shop/prod-db:15", 3));
    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.ACTIONS, forged);

      ActionExecuted executed = outcomeOf(probe, forged.actionId(), 1).get(0);
      Escalated escalated =
          probe
              .readUntil(Topics.ESCALATIONS, rs -> escalationFor(rs, executed) != null, WAIT)
              .stream()
              .map(r -> EventCodec.decode(r.value()))
              .filter(e -> e.header().causationId().equals(executed.eventId()))
              .map(Escalated.class::cast)
              .findFirst()
              .orElseThrow();

      assertThat(executed.status()).isEqualTo(ExecutionStatus.REFUSED);
      assertThat(escalated.reason()).isEqualTo(EscalationReason.EXECUTION_REFUSED);
      assertThat(escalated.verdicts()).anyMatch(v -> v.outcome().name().equals("DENY"));
      assertThat(SANDBOX.snapshot().appliedWritesTo("prod-db")).isEmpty();
      assertThat(SANDBOX.snapshot().writes()).noneMatch(w -> w.path().contains("prod-db"));
    }
  }

  @Test
  void aRecordThatIsNotAnApprovalGoesToTheDeadLetterTopic() {
    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(
          Topics.ACTIONS, "inc-poison", "{\"type\":\"Nope\"}".getBytes(StandardCharsets.UTF_8));

      assertThat(probe.awaitRecords(Topics.deadLetter(Topics.ACTIONS), 1, WAIT)).isNotEmpty();
    }
  }

  @Test
  void theLedgerIsRebuiltFromItsTopicByANewInstance() {
    var settings = new ExecutorProperties.Ledger(null, bootstrap, Duration.ofSeconds(30));
    ActionId action = new ActionId(UUID.randomUUID());
    try (KafkaLedger before = new KafkaLedger(settings)) {
      before.record(
          new LedgerEntry(
              action,
              IncidentId.of("inc-ledger-rebuild"),
              "shop",
              LedgerState.IN_PROGRESS,
              Fixtures.NOW,
              null));
    }
    try (KafkaLedger afterRestart = new KafkaLedger(settings)) {
      assertThat(afterRestart.find(action))
          .hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(LedgerState.IN_PROGRESS));
    }
  }

  @Test
  void aSettledEntryCountsOnlyOnceTheTransactionCarryingItCommitted() {
    var settings = new ExecutorProperties.Ledger(null, bootstrap, Duration.ofSeconds(30));
    var factory =
        new org.springframework.kafka.core.DefaultKafkaProducerFactory<byte[], byte[]>(
            java.util.Map.of(
                org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap),
            new org.apache.kafka.common.serialization.ByteArraySerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer());
    factory.setTransactionIdPrefix("ledger-test-" + UUID.randomUUID() + "-");
    // As the listener container does: the transaction manager binds the producer to the thread.
    var transactions =
        new org.springframework.transaction.support.TransactionTemplate(
            new org.springframework.kafka.transaction.KafkaTransactionManager<>(factory));
    ActionId aborted = new ActionId(UUID.randomUUID());
    ActionId committed = new ActionId(UUID.randomUUID());
    try (KafkaLedger ledger =
        new KafkaLedger(
            settings, factory, io.backstop.stream.KafkaClientConfig.plaintext(bootstrap))) {
      ledger.record(entry(aborted, LedgerState.APPLIED, null));
      ledger.record(entry(committed, LedgerState.APPLIED, null));
      try {
        transactions.executeWithoutResult(
            tx -> {
              ledger.settle(entry(aborted, LedgerState.APPLIED, ExecutionStatus.VERIFIED));
              throw new IllegalStateException("the outcome could not be published");
            });
      } catch (IllegalStateException expected) {
        // the transaction was aborted, as when the process dies before the commit
      }
      transactions.executeWithoutResult(
          tx -> ledger.settle(entry(committed, LedgerState.APPLIED, ExecutionStatus.VERIFIED)));

      assertThat(ledger.find(aborted).orElseThrow().outcome()).isNull();
      assertThat(ledger.find(committed).orElseThrow().outcome())
          .isEqualTo(ExecutionStatus.VERIFIED);
    } finally {
      factory.destroy();
    }
    try (KafkaLedger afterRestart = new KafkaLedger(settings)) {
      assertThat(afterRestart.find(aborted).orElseThrow().finished()).isFalse();
      assertThat(afterRestart.find(committed).orElseThrow().finished()).isTrue();
    }
  }

  private static LedgerEntry entry(ActionId action, LedgerState state, ExecutionStatus outcome) {
    return new LedgerEntry(
        action,
        IncidentId.of("inc-ledger-settle"),
        "shop",
        state,
        Fixtures.NOW,
        outcome,
        new io.backstop.executor.live.PreAction(3, "abc", "img", 3),
        null);
  }

  @Test
  void aRestartedExecutorRebuildsItsBreakerFromItsOwnOutcomesAndHumanResets() {
    ActionApproved approval = Approvals.restartCheckout();
    ActionExecuted reverted =
        EventCodec.seal(
            new ActionExecuted(
                EventHeader.reactingTo(
                    approval, Stage.EXECUTOR, ActionExecuted.class, 1, Fixtures.NOW),
                approval.actionId(),
                approval.action(),
                ExecutionStatus.REVERTED,
                3L,
                5L,
                null,
                null,
                null,
                "reverted"));
    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.OUTCOMES, reverted);
      assertThat(replayedBreaker().openReason("shop")).isPresent();

      BreakerReset forged = reset("mallory@example.com");
      probe.send(Topics.CONTROL, EventCodec.seal(forged));
      assertThat(replayedBreaker().openReason("shop")).as("an unsigned reset").isPresent();

      probe.send(Topics.CONTROL, Keys.signedByGuardrail(reset("oncall@example.com")));
      assertThat(replayedBreaker().openReason("shop")).isEmpty();
    }
  }

  @Test
  void anUnsignedBreakerResetIsRefusedAndEscalatedAsForged() {
    BreakerReset forged = EventCodec.seal(reset("mallory@example.com"));
    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.CONTROL, forged);

      Escalated escalated =
          probe
              .readUntil(
                  Topics.ESCALATIONS,
                  rs ->
                      rs.stream()
                          .map(r -> EventCodec.decode(r.value()))
                          .anyMatch(e -> e.header().causationId().equals(forged.eventId())),
                  WAIT)
              .stream()
              .map(r -> EventCodec.decode(r.value()))
              .filter(e -> e.header().causationId().equals(forged.eventId()))
              .map(Escalated.class::cast)
              .findFirst()
              .orElseThrow();

      assertThat(escalated.reason()).isEqualTo(EscalationReason.FORGED_APPROVAL);
      assertThat(escalated.summary()).contains("mallory@example.com").contains("not signed");
    }
  }

  @Test
  void anUnsignedScaleOnTheActionsTopicIsRefusedAsForgedAndNothingIsWritten() {
    ActionApproved signed = Approvals.scaleCart(5);
    ActionApproved unsigned =
        EventCodec.seal(signed.withHeader(signed.header().withSignature(null)));
    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.ACTIONS, unsigned);

      ActionExecuted executed = outcomeOf(probe, unsigned.actionId(), 1).get(0);

      assertThat(executed.status()).isEqualTo(ExecutionStatus.REFUSED);
      assertThat(executed.reason()).contains("FORGED_APPROVAL");
      assertThat(SANDBOX.snapshot().appliedWritesTo("cart")).isEmpty();
    }
  }

  private static BreakerReset reset(String operator) {
    return new BreakerReset(
        EventHeader.first(
            IncidentId.of("breaker.shop"),
            "reset-" + UUID.randomUUID(),
            Stage.GUARDRAIL,
            Fixtures.NOW.plusSeconds(60)),
        "shop",
        operator,
        "rolled back by hand");
  }

  private WriteBreaker replayedBreaker() {
    WriteBreaker breaker =
        new SafetyBreaker(
            new Breakers(new BreakerSettings(Duration.ofMinutes(30), 50, 1), Fixtures.CLOCK),
            Fixtures.CLOCK);
    BreakerReplay.replay(
        io.backstop.stream.KafkaClientConfig.plaintext(bootstrap),
        new InMemoryLedger(),
        breaker,
        Approvals.GUARDRAIL,
        Duration.ofSeconds(30));
    return breaker;
  }

  private List<ActionExecuted> outcomeOf(TopicProbe probe, ActionId action, int count) {
    return probe
        .readUntil(Topics.OUTCOMES, rs -> outcomes(rs, action).size() >= count, WAIT)
        .stream()
        .map(r -> EventCodec.decode(r.value()))
        .filter(ActionExecuted.class::isInstance)
        .map(ActionExecuted.class::cast)
        .filter(e -> e.actionId().equals(action))
        .toList();
  }

  private static List<ActionExecuted> outcomes(
      List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> records,
      ActionId action) {
    return records.stream()
        .map(r -> EventCodec.decode(r.value()))
        .filter(ActionExecuted.class::isInstance)
        .map(ActionExecuted.class::cast)
        .filter(e -> e.actionId().equals(action))
        .toList();
  }

  private static IncidentEvent escalationFor(
      List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> records,
      ActionExecuted executed) {
    return records.stream()
        .map(r -> EventCodec.decode(r.value()))
        .filter(e -> e.header().causationId().equals(executed.eventId()))
        .findFirst()
        .orElse(null);
  }

  private static boolean audited(TopicProbe probe, IncidentEvent event) {
    return probe
        .readUntil(
            Topics.AUDIT,
            rs -> rs.stream().anyMatch(r -> r.key().equals(Topics.auditKey(event))),
            WAIT)
        .stream()
        .anyMatch(r -> r.key().equals(Topics.auditKey(event)));
  }
}
