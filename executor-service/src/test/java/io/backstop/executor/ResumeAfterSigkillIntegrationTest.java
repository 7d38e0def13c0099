package io.backstop.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Topics;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Signals;
import io.backstop.executor.fixtures.Approvals;
import io.backstop.sandbox.SandboxCluster;
import io.backstop.sandbox.SandboxOptions;
import io.backstop.sandbox.spec.SandboxSpec;
import io.backstop.scenario.ScenarioLoader;
import io.backstop.stream.testing.TopicProbe;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The failure as it showed: the executor process is killed with SIGKILL while it verifies a write
 * (the ledger says APPLIED, no outcome was committed). A new process gets the approval again, and
 * must verify and report the write (VERIFIED, the outcome nobody saw), not claim ALREADY_APPLIED,
 * and must not write a second time. Both processes are the real service ({@link
 * ExecutorApplication}) in their own JVM, against a KRaft broker and the sandbox cluster.
 */
class ResumeAfterSigkillIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(120);

  static EmbeddedKafkaKraftBroker kafka;
  static SandboxCluster sandbox;

  @BeforeAll
  static void start() {
    kafka = new EmbeddedKafkaKraftBroker(1, 3);
    kafka.brokerProperties(
        Map.of(
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "offsets.topic.replication.factor", "1",
            "auto.create.topics.enable", "false",
            "group.initial.rebalance.delay.ms", "0",
            "group.min.session.timeout.ms", "2000"));
    kafka.afterPropertiesSet();
    sandbox =
        SandboxCluster.start(
            SandboxSpec.from(
                ScenarioLoader.loadResource("scenarios/bad-deploy-hallucinated-sha.yaml")),
            SandboxOptions.fast());
  }

  @AfterAll
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
    if (kafka != null) {
      kafka.destroy();
    }
  }

  @Test
  void anExecutorKilledDuringVerificationIsFollowedByOneThatVerifiesAndReportsTheWrite()
      throws Exception {
    ActionApproved approval = Approvals.rollbackCheckout();
    Process first = executor("first");
    try (var probe = TopicProbe.connect(kafka.getBrokersAsString())) {
      probe.send(Topics.ACTIONS, approval);
      awaitLedgerState(probe, approval, "\"APPLIED\"");
      first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      assertThat(first.isAlive()).isFalse();
      assertThat(outcomes(probe, approval, Duration.ofSeconds(2))).isEmpty();

      Process second = executor("second");
      try {
        List<ActionExecuted> outcomes = awaitOutcome(probe, approval);

        assertThat(outcomes)
            .extracting(ActionExecuted::status)
            .containsExactly(ExecutionStatus.VERIFIED);
        assertThat(outcomes.get(0).reason()).contains("resumed");
        assertThat(sandbox.snapshot().appliedWritesTo("checkout"))
            .filteredOn(w -> w.principal().contains("executor"))
            .hasSize(1);
        assertThat(sandbox.snapshot().deployment("shop", "checkout").orElseThrow().gitSha())
            .isEqualTo(Signals.SHA_REV2);
      } finally {
        second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } finally {
      first.destroyForcibly();
    }
  }

  /**
   * The service in a JVM of its own, on this test's class path. The write token goes in the
   * environment, never on the command line; verification takes several seconds (five stable polls a
   * second apart), which is the window the first process is killed in.
   */
  private static Process executor(String name) throws Exception {
    Path log = Path.of("target", "sigkill-" + name + ".log");
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ExecutorApplication.class.getName());
    command.add("--spring.main.banner-mode=off");
    command.add("--server.port=0");
    command.add("--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString());
    command.add("--spring.cloud.stream.kafka.binder.consumer-properties.session.timeout.ms=3000");
    command.add(
        "--spring.cloud.stream.kafka.binder.consumer-properties.heartbeat.interval.ms=1000");
    command.add("--backstop.executor.allowed-namespaces=shop");
    command.add(
        "--backstop.executor.guardrail-public-keys="
            + io.backstop.events.fixtures.Keys.GUARDRAIL_PUBLIC_PEM_ONE_LINE);
    command.add("--backstop.executor.verification.timeout=60s");
    command.add("--backstop.executor.verification.poll-interval=1s");
    command.add("--backstop.executor.verification.stable-polls=5");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("BACKSTOP_EXECUTOR_K8S_URL", sandbox.httpUrl());
    builder.environment().put("BACKSTOP_EXECUTOR_K8S_TOKEN", sandbox.tokens().executor());
    builder.redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    return builder.start();
  }

  private static void awaitLedgerState(TopicProbe probe, ActionApproved approval, String state) {
    String key = approval.actionId().toString();
    List<ConsumerRecord<String, byte[]>> seen =
        probe.readUntil(
            Topics.EXECUTOR_LEDGER,
            records ->
                records.stream()
                    .anyMatch(
                        r ->
                            key.equals(r.key())
                                && new String(r.value(), StandardCharsets.UTF_8).contains(state)),
            WAIT);
    assertThat(seen).as("the ledger reached " + state).isNotEmpty();
  }

  private static List<ActionExecuted> awaitOutcome(TopicProbe probe, ActionApproved approval) {
    Instant deadline = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(deadline)) {
      List<ActionExecuted> found = outcomes(probe, approval, Duration.ofSeconds(5));
      if (!found.isEmpty()) {
        return found;
      }
    }
    throw new AssertionError(
        "no outcome within " + WAIT + "; see target" + File.separator + "sigkill-second.log");
  }

  private static List<ActionExecuted> outcomes(
      TopicProbe probe, ActionApproved approval, Duration within) {
    List<ConsumerRecord<String, byte[]>> records;
    try {
      records = probe.readUntil(Topics.OUTCOMES, rs -> containsOutcome(rs, approval), within);
    } catch (AssertionError notYet) {
      return List.of();
    }
    return records.stream()
        .map(r -> EventCodec.decode(r.value()))
        .filter(ActionExecuted.class::isInstance)
        .map(ActionExecuted.class::cast)
        .filter(e -> e.actionId().equals(approval.actionId()))
        .toList();
  }

  private static boolean containsOutcome(
      List<ConsumerRecord<String, byte[]>> records, ActionApproved approval) {
    return records.stream()
        .map(r -> EventCodec.decode(r.value()))
        .filter(ActionExecuted.class::isInstance)
        .map(IncidentEvent.class::cast)
        .anyMatch(e -> ((ActionExecuted) e).actionId().equals(approval.actionId()));
  }
}
