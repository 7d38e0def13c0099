package io.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.cli.CliHarness.Result;
import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.events.fixtures.Alerts;
import io.backstop.events.fixtures.Decisions;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.id.IncidentId;
import io.backstop.localkafka.LocalKafka;
import io.backstop.localkafka.LocalKafkaBroker;
import io.backstop.localkafka.StackHome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The incident and audit commands against a real local broker holding a known audit log. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditCommandsIntegrationTest {

  private static final String TAMPERED = "inc-tampered-0002";

  @TempDir static Path home;
  private LocalKafkaBroker broker;
  private List<IncidentEvent> chain;

  @BeforeAll
  void startBrokerWithAuditLog() throws Exception {
    broker = new LocalKafka(new StackHome(home), CliHarness.freePort()).start();
    chain =
        List.of(
            Alerts.checkoutErrorRate(),
            Signals.badDeploy(),
            Diagnoses.honestRollback(),
            Decisions.rollbackApproved(),
            Decisions.rollbackVerified());
    SignalsGathered signals = Signals.badDeploy();
    SignalsGathered edited =
        new SignalsGathered(
            signals.header().withIncident(IncidentId.of(TAMPERED)),
            signals.target(),
            signals.evidence(),
            signals.rollouts(),
            signals.inventory(),
            signals.symptoms(),
            signals.anomalyOnset(),
            0,
            signals.missingSources());
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers(), "acks", "all"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (IncidentEvent event :
          List.of(chain.get(4), chain.get(0), chain.get(3), chain.get(1), chain.get(2), edited)) {
        producer.send(CliHarness.auditRecord(event)).get();
      }
    }
  }

  @AfterAll
  void stopBroker() {
    broker.close();
  }

  @Test
  void incidentListShowsEveryIncidentWithItsChainStatus() {
    Result result = run("incident", "list");

    assertThat(result.code()).isZero();
    assertThat(result.out())
        .contains("INCIDENT")
        .containsPattern(Alerts.INCIDENT.value() + "\\s+5 .*ActionExecuted\\s+intact")
        .containsPattern(TAMPERED + "\\s+1 .*BROKEN at SignalsGathered .*CONTENT_EDITED");
  }

  @Test
  void incidentShowPrintsTheTimelineInCausalOrderWithAnIntactChain() {
    Result result = run("incident", "show", Alerts.INCIDENT.value());

    assertThat(result.code()).isZero();
    assertThat(result.out())
        .containsSubsequence(
            "AlertReceived",
            "SignalsGathered",
            "DiagnosisProposed",
            "ActionApproved",
            "ActionExecuted")
        .contains("hash chain: intact (5 events verified)")
        .doesNotContain("!!");
  }

  @Test
  void incidentShowMarksTheEventThatBreaksTheChainAndExitsOne() {
    Result result = run("incident", "show", TAMPERED);

    assertThat(result.code()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(result.out()).contains("!! ").contains("hash chain: BROKEN at SignalsGathered");
  }

  @Test
  void incidentShowOfAnUnknownIncidentSaysSoAndExitsOne() {
    Result result = run("incident", "show", "inc-never-happened");

    assertThat(result.code()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(result.out()).contains("No events for incident inc-never-happened");
  }

  @Test
  void auditVerifyFailsClosedWhenAnyChainIsBroken() {
    Result result = run("audit", "verify");

    assertThat(result.code()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(result.out())
        .contains(Alerts.INCIDENT.value() + ": hash chain: intact")
        .contains("2 incident(s), 6 event(s): 1 broken chain(s), 0 unreadable record(s)");
  }

  @Test
  void anUnreachableBrokerIsAClearErrorNotAHang() {
    Result result =
        run(
            "incident",
            "list",
            "--bootstrap-server",
            "127.0.0.1:" + freePortUnchecked(),
            "--wait",
            "2");

    assertThat(result.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.err()).startsWith("backstop: ");
  }

  private Result run(String... args) {
    return CliHarness.run(home, args);
  }

  private static int freePortUnchecked() {
    try {
      return CliHarness.freePort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
