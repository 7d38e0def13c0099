package io.backstop.diagnosis.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.diagnosis.Diagnoser;
import io.backstop.diagnosis.Pricing;
import io.backstop.diagnosis.TargetSpec;
import io.backstop.diagnosis.analyzer.AnalyzerSettings;
import io.backstop.diagnosis.analyzer.OfflineAnalyzer;
import io.backstop.diagnosis.chain.CallBudget;
import io.backstop.diagnosis.chain.ChainSettings;
import io.backstop.diagnosis.chain.FallbackChain;
import io.backstop.diagnosis.chain.ModelClient;
import io.backstop.diagnosis.chain.TargetHealth;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.DiagnosisRejected;
import io.backstop.events.EventHeader;
import io.backstop.events.Stage;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.action.VerdictOutcome;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.diagnosis.CallOutcome;
import io.backstop.events.diagnosis.ModelCall;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Signals;
import io.backstop.modelsim.ModelSimulator;
import io.backstop.modelsim.SimulatorConfig;
import io.backstop.scenario.ModelBehaviour;
import io.backstop.scenario.ScenarioLoader;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service's diagnosis against the shared model simulator, playing the shipped scenarios: the
 * prompt contract (evidence lines the simulator cites from), a lie passed through, fallbacks.
 */
class ModelSimulatorChainTest {

  private static final ChainSettings SETTINGS =
      new ChainSettings(
          2, Duration.ofMillis(10), Duration.ofSeconds(2), Duration.ofMinutes(5), 4, 2, 50f, 10);

  private ModelSimulator simulator;

  @BeforeEach
  void startSimulator() {
    simulator =
        ModelSimulator.start(ScenarioLoader.loadResource("bad-deploy-hallucinated-sha.yaml"));
  }

  @AfterEach
  void stopSimulator() {
    simulator.close();
  }

  @Test
  void passesThePrimarysHallucinationThroughUnchangedWithItsCall() {
    DiagnosisProposed proposal = diagnoser().diagnose(Signals.badDeploy());

    assertThat(proposal.answeredBy()).isEqualTo("claude");
    assertThat(proposal.tier()).isEqualTo(ModelTier.PRIMARY);
    assertThat(proposal.suspectedDeploySha()).isEqualTo("4be8d2f9a1c0e7b6d5a4f3e2c1b0a9f8e7d6c5b4");
    assertThat(proposal.action().scope()).isEqualTo("all");
    assertThat(proposal.confidence()).isEqualTo(0.97);
    assertThat(proposal.calls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.outcome()).isEqualTo(CallOutcome.OK);
              assertThat(call.inputTokens()).isPositive();
              assertThat(call.costUsd()).isPositive();
            });
  }

  @Test
  void rediagnosesOnTheStrongTierWhichCitesTheWorkloadsEvidenceLines() {
    Diagnoser diagnoser = diagnoser();
    DiagnosisProposed lie = diagnoser.diagnose(Signals.badDeploy());

    DiagnosisProposed proposal = diagnoser.rediagnose(rejectionOf(lie));

    assertThat(proposal.answeredBy()).isEqualTo("opus");
    assertThat(proposal.tier()).isEqualTo(ModelTier.STRONG);
    assertThat(proposal.action().type()).isEqualTo("ROLLBACK");
    assertThat(proposal.action().revision()).isEqualTo(2L);
    assertThat(proposal.action().gitSha()).isEqualTo(Signals.SHA_REV2);
    assertThat(proposal.citedEvidence()).contains("E1", "E2", "E3", "E4").doesNotContain("E6");
    assertThat(proposal.rerouteCount()).isEqualTo(1);
    assertThat(simulator.calls()).extracting(c -> c.model()).containsExactly("claude", "opus");
  }

  @Test
  void fallsToLlamaWhenThePrimaryIsDown() {
    simulator.use(ScenarioLoader.loadResource("primary-model-down.yaml"));

    DiagnosisProposed proposal = diagnoser().diagnose(Signals.badDeploy());

    assertThat(proposal.answeredBy()).isEqualTo("llama");
    assertThat(proposal.tier()).isEqualTo(ModelTier.FALLBACK);
    assertThat(proposal.calls())
        .extracting(ModelCall::outcome)
        .containsExactly(CallOutcome.SERVER_ERROR, CallOutcome.SERVER_ERROR, CallOutcome.OK);
  }

  @Test
  void movesOnFromARateLimitWhoseRetryAfterIsTooLong() {
    simulator.override("claude", ModelBehaviour.of(ModelBehaviour.Behaviour.RATE_LIMITED));

    DiagnosisProposed proposal = diagnoser().diagnose(Signals.badDeploy());

    assertThat(proposal.answeredBy()).isEqualTo("llama");
    assertThat(proposal.calls().get(0).outcome()).isEqualTo(CallOutcome.RATE_LIMITED);
    assertThat(proposal.calls().get(0).detail()).contains("Retry-After 20s exceeds");
  }

  @Test
  void recordsProseAsUnparseableAndReadsTheFencedJsonOfAModelWithoutStructuredOutput() {
    simulator.override("claude", ModelBehaviour.of(ModelBehaviour.Behaviour.UNPARSEABLE));

    DiagnosisProposed proposal = diagnoser().diagnose(Signals.badDeploy());

    assertThat(proposal.calls())
        .extracting(ModelCall::outcome)
        .containsExactly(CallOutcome.UNPARSEABLE, CallOutcome.OK);
    assertThat(proposal.answeredBy()).isEqualTo("llama");
    assertThat(proposal.action().gitSha()).isEqualTo(Signals.SHA_REV2);
  }

  @Test
  void keepsAModelsRestartOfTheProtectedDatabaseVerbatimForTheGuardrail() {
    simulator.use(ScenarioLoader.loadResource("restart-prod-db.yaml"));

    DiagnosisProposed proposal = diagnoser().diagnose(Signals.badDeploy());

    assertThat(proposal.answeredBy()).isEqualTo("claude");
    assertThat(proposal.action().type()).isEqualTo("RESTART");
    assertThat(proposal.action().target()).isEqualTo("prod-db");
    assertThat(proposal.action().scope()).isEqualTo("statefulset");
    assertThat(proposal.action().supported()).isTrue();
  }

  private Diagnoser diagnoser() {
    var chain =
        new FallbackChain(
            SETTINGS,
            new TargetHealth(SETTINGS, Fixtures.CLOCK),
            new OfflineAnalyzer(AnalyzerSettings.defaults()),
            Fixtures.CLOCK);
    return new Diagnoser(
        chain, targets(), CallBudget.of(8, new BigDecimal("0.50")), Fixtures.CLOCK);
  }

  private List<ModelClient> targets() {
    return List.of(
        client("claude", ModelTier.PRIMARY, 1, true),
        client("llama", ModelTier.FALLBACK, 2, false),
        client("nova", ModelTier.FALLBACK, 3, false),
        client("haiku", ModelTier.FALLBACK, 4, true),
        client("opus", ModelTier.STRONG, 1, true));
  }

  private ModelClient client(String name, ModelTier tier, int priority, boolean structured) {
    var pricing = new Pricing(new BigDecimal("0.003"), new BigDecimal("0.015"));
    var spec =
        new TargetSpec(name, name, tier, priority, Duration.ofSeconds(5), pricing, structured);
    return SpringAiModelClient.create(
        spec, simulator.baseUrl() + "/v1", SimulatorConfig.DEFAULT_API_KEY);
  }

  private static DiagnosisRejected rejectionOf(DiagnosisProposed lie) {
    var header =
        EventHeader.reactingTo(lie, Stage.GUARDRAIL, DiagnosisRejected.class, 1, Fixtures.NOW);
    var failed =
        new PolicyVerdict(
            "quality",
            "sha-in-rollout-history",
            VerdictOutcome.DENY,
            "suspected SHA 4be8d2f matches no revision of shop/checkout");
    return EventCodec.seal(
        new DiagnosisRejected(header, List.of(failed), ModelTier.STRONG, 1, 2, lie));
  }
}
