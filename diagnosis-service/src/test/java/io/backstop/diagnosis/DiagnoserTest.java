package io.backstop.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.diagnosis.analyzer.AnalyzerSettings;
import io.backstop.diagnosis.analyzer.OfflineAnalyzer;
import io.backstop.diagnosis.chain.CallBudget;
import io.backstop.diagnosis.chain.ChainSettings;
import io.backstop.diagnosis.chain.FallbackChain;
import io.backstop.diagnosis.chain.ModelClient;
import io.backstop.diagnosis.chain.TargetHealth;
import io.backstop.diagnosis.llm.Answers;
import io.backstop.diagnosis.llm.SpringAiModelClient;
import io.backstop.diagnosis.llm.StubGateway;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.DiagnosisRejected;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.diagnosis.CallOutcome;
import io.backstop.events.diagnosis.ModelCall;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.fixtures.Decisions;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Signals;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiagnoserTest {

  private static final ChainSettings SETTINGS =
      new ChainSettings(
          2, Duration.ofMillis(10), Duration.ofSeconds(2), Duration.ofMinutes(5), 4, 2, 50f, 10);

  private StubGateway gateway;

  @BeforeEach
  void startGateway() throws Exception {
    gateway = StubGateway.start();
    gateway.always("claude-model", StubGateway.completion(Answers.honest(), 100, 50));
  }

  @AfterEach
  void stopGateway() {
    gateway.close();
  }

  @Test
  void diagnosesThroughTheOfflineAnalyzerWhenNoGatewayIsConfigured() {
    DiagnosisProposed proposal = diagnoser(List.of(), 8).diagnose(Signals.badDeploy());

    assertThat(proposal.answeredBy()).isEqualTo(OfflineAnalyzer.NAME);
    assertThat(proposal.tier()).isEqualTo(ModelTier.OFFLINE);
    assertThat(proposal.action().type()).isEqualTo("ROLLBACK");
    assertThat(proposal.action().revision()).isEqualTo(2L);
    assertThat(proposal.calls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.target()).isEqualTo(OfflineAnalyzer.NAME);
              assertThat(call.tier()).isEqualTo(ModelTier.OFFLINE);
              assertThat(call.costUsd()).isEqualByComparingTo("0");
            });
    assertThat(proposal.header().causationId()).isEqualTo(Signals.badDeploy().eventId());
    assertThat(proposal.rerouteCount()).isZero();
    assertThat(EventCodec.intact(proposal)).isTrue();
  }

  @Test
  void givesARedeliveredSignalTheSameProposalId() {
    Diagnoser diagnoser = diagnoser(List.of(), 8);

    assertThat(diagnoser.diagnose(Signals.badDeploy()).eventId())
        .isEqualTo(diagnoser.diagnose(Signals.badDeploy()).eventId());
  }

  @Test
  void diagnosesOnThePriorityTiersAndNeverAsksTheStrongTierFirst() {
    gateway.always("opus-model", StubGateway.completion(Answers.honest(), 100, 50));

    DiagnosisProposed proposal = diagnoser(targets(), 8).diagnose(Signals.badDeploy());

    assertThat(proposal.answeredBy()).isEqualTo("claude");
    assertThat(gateway.requests("opus-model")).isEmpty();
  }

  @Test
  void rediagnosesOnTheStrongTierWithTheFailedChecksInThePrompt() {
    gateway.always("opus-model", StubGateway.completion(Answers.honest(), 3000, 500));
    DiagnosisRejected rejection = Decisions.hallucinationRejected();

    DiagnosisProposed proposal = diagnoser(targets(), 8).rediagnose(rejection);

    assertThat(gateway.requests("claude-model")).isEmpty();
    assertThat(gateway.requests("opus-model"))
        .singleElement()
        .satisfies(
            seen ->
                assertThat(seen.body())
                    .contains("REJECTED")
                    .contains("suspected SHA e4f5a6b7c8d9 matches no revision of shop/checkout")
                    .contains("single-deployment-scope"));
    assertThat(proposal.answeredBy()).isEqualTo("opus");
    assertThat(proposal.tier()).isEqualTo(ModelTier.STRONG);
    assertThat(proposal.rerouteCount()).isEqualTo(1);
    assertThat(proposal.header().causationId()).isEqualTo(rejection.eventId());
    assertThat(proposal.header().parentHash()).isEqualTo(rejection.header().hash());
    assertThat(proposal.signals()).isEqualTo(rejection.rejected().signals());
    assertThat(proposal.calls())
        .extracting(ModelCall::costUsd)
        .singleElement()
        .satisfies(cost -> assertThat(cost).isEqualByComparingTo("0.082500"));
  }

  @Test
  void answersOfflineWhenTheStrongTierFailsEntirely() {
    gateway.always("opus-model", StubGateway.error(500, Map.of()));

    DiagnosisProposed proposal =
        diagnoser(targets(), 8).rediagnose(Decisions.hallucinationRejected());

    assertThat(proposal.tier()).isEqualTo(ModelTier.OFFLINE);
    assertThat(proposal.answeredBy()).isEqualTo(OfflineAnalyzer.NAME);
    assertThat(proposal.calls())
        .extracting(ModelCall::outcome)
        .containsExactly(CallOutcome.SERVER_ERROR, CallOutcome.SERVER_ERROR, CallOutcome.OK);
    assertThat(proposal.rerouteCount()).isEqualTo(1);
  }

  @Test
  void rediagnosesOnTheTierTheRejectionNamesWhateverItsRerouteCounters() {
    gateway.always("opus-model", StubGateway.completion(Answers.honest(), 100, 50));

    DiagnosisProposed proposal =
        diagnoser(targets(), 8).rediagnose(rejection(ModelTier.PRIMARY, 3, 2));

    assertThat(gateway.requests("opus-model")).isEmpty();
    assertThat(gateway.requests("claude-model")).hasSize(1);
    assertThat(proposal.answeredBy()).isEqualTo("claude");
    assertThat(proposal.rerouteCount()).isEqualTo(1);
  }

  @Test
  void rediagnosesOfflineWithoutAskingAnyModelWhenTheRejectionNamesTheOfflineTier() {
    DiagnosisProposed proposal =
        diagnoser(targets(), 8).rediagnose(rejection(ModelTier.OFFLINE, 1, 2));

    assertThat(gateway.requests()).isEmpty();
    assertThat(proposal.tier()).isEqualTo(ModelTier.OFFLINE);
    assertThat(proposal.answeredBy()).isEqualTo(OfflineAnalyzer.NAME);
  }

  private static DiagnosisRejected rejection(ModelTier next, int used, int budget) {
    DiagnosisRejected shipped = Decisions.hallucinationRejected();
    return EventCodec.seal(
        new DiagnosisRejected(
            shipped.header().withHash(null),
            shipped.failures(),
            next,
            used,
            budget,
            shipped.rejected()));
  }

  @Test
  void countsTheRejectedProposalsCallsAgainstTheIncidentCap() {
    gateway.always("opus-model", StubGateway.completion(Answers.honest(), 100, 50));

    DiagnosisProposed proposal =
        diagnoser(targets(), 1).rediagnose(Decisions.hallucinationRejected());

    assertThat(gateway.requests()).isEmpty();
    assertThat(proposal.calls())
        .extracting(ModelCall::outcome)
        .containsExactly(CallOutcome.BUDGET_EXCEEDED, CallOutcome.OK);
    assertThat(proposal.answeredBy()).isEqualTo(OfflineAnalyzer.NAME);
  }

  private List<ModelClient> targets() {
    var pricing = new Pricing(new BigDecimal("0.015"), new BigDecimal("0.075"));
    var claude =
        new TargetSpec(
            "claude", "claude-model", ModelTier.PRIMARY, 1, Duration.ofSeconds(5), pricing, true);
    var opus =
        new TargetSpec(
            "opus", "opus-model", ModelTier.STRONG, 1, Duration.ofSeconds(5), pricing, true);
    return List.of(
        SpringAiModelClient.create(claude, gateway.baseUrl(), ""),
        SpringAiModelClient.create(opus, gateway.baseUrl(), ""));
  }

  private static Diagnoser diagnoser(List<ModelClient> clients, int maxCalls) {
    var chain =
        new FallbackChain(
            SETTINGS,
            new TargetHealth(SETTINGS, Fixtures.CLOCK),
            new OfflineAnalyzer(AnalyzerSettings.defaults()),
            Fixtures.CLOCK);
    return new Diagnoser(
        chain, clients, CallBudget.of(maxCalls, new BigDecimal("0.50")), Fixtures.CLOCK);
  }
}
