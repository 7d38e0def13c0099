package io.backstop.diagnosis.llm;

import static io.backstop.diagnosis.llm.StubGateway.completion;
import static io.backstop.diagnosis.llm.StubGateway.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.diagnosis.DiagnosisRequest;
import io.backstop.diagnosis.Pricing;
import io.backstop.diagnosis.TargetSpec;
import io.backstop.diagnosis.analyzer.AnalyzerSettings;
import io.backstop.diagnosis.analyzer.OfflineAnalyzer;
import io.backstop.diagnosis.chain.CallBudget;
import io.backstop.diagnosis.chain.ChainResult;
import io.backstop.diagnosis.chain.ChainSettings;
import io.backstop.diagnosis.chain.FallbackChain;
import io.backstop.diagnosis.chain.ModelClient;
import io.backstop.diagnosis.chain.TargetHealth;
import io.backstop.events.diagnosis.CallOutcome;
import io.backstop.events.diagnosis.ModelCall;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Signals;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fallback chain over real HTTP, through Spring AI's client, against a scripted gateway. */
class GatewayChainTest {

  private static final ChainSettings SETTINGS =
      new ChainSettings(
          2, Duration.ofMillis(10), Duration.ofSeconds(2), Duration.ofMinutes(5), 2, 2, 50f, 10);
  private static final CallBudget BUDGET = CallBudget.of(8, new BigDecimal("0.50"));

  private StubGateway gateway;
  private final MutableClock clock = new MutableClock(Fixtures.NOW);

  @BeforeEach
  void startGateway() throws Exception {
    gateway = StubGateway.start();
  }

  @AfterEach
  void stopGateway() {
    gateway.close();
  }

  @Test
  void answersFromThePrimaryWithTheCallAndItsCostOnTheRecord() {
    gateway.always("claude-model", completion(Answers.honest(), 2310, 412));
    var claude = client("claude", ModelTier.PRIMARY, 1, true);

    ChainResult result =
        chain(clock)
            .run(request(), List.of(claude, client("llama", ModelTier.FALLBACK, 2, false)), BUDGET);

    assertThat(result.answeredBy()).isEqualTo("claude");
    assertThat(result.tier()).isEqualTo(ModelTier.PRIMARY);
    assertThat(result.diagnosis().action().gitSha()).isEqualTo(Signals.SHA_REV2);
    assertThat(result.calls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.target()).isEqualTo("claude");
              assertThat(call.model()).isEqualTo("claude-model");
              assertThat(call.outcome()).isEqualTo(CallOutcome.OK);
              assertThat(call.inputTokens()).isEqualTo(2310);
              assertThat(call.outputTokens()).isEqualTo(412);
              assertThat(call.costUsd()).isEqualByComparingTo("0.013110");
              assertThat(call.startedAt()).isEqualTo(Fixtures.NOW);
            });
  }

  @Test
  void sendsTheEvidenceAsNumberedUntrustedLinesAndAsksForTheSchema() {
    gateway.always("claude-model", completion(Answers.honest(), 10, 10));

    chain(clock).run(request(), List.of(client("claude", ModelTier.PRIMARY, 1, true)), BUDGET);

    String body = gateway.requests("claude-model").get(0).body();
    assertThat(body)
        .contains(
            "[E3] LOG shop/checkout pod/checkout-6f7d9c8b5-x2k4p untrusted: panic: nil pointer")
        .contains("[E6] LOG shop/cart pod/cart-5c9d7f6b4-q8m2n untrusted suspected-injection:")
        .contains("\"response_format\"")
        .contains("json_schema")
        .contains("revision 2 sha " + Signals.SHA_REV2);
  }

  @Test
  void asksATargetWithoutStructuredOutputForPlainJsonText() {
    gateway.always("llama-model", completion(Answers.honest(), 10, 10));

    chain(clock).run(request(), List.of(client("llama", ModelTier.FALLBACK, 2, false)), BUDGET);

    assertThat(gateway.requests("llama-model").get(0).body()).doesNotContain("response_format");
  }

  @Test
  void fallsToTheNextTargetWhenThePrimaryAnswers500() {
    gateway.always("claude-model", error(500, Map.of()));
    gateway.always("llama-model", completion(Answers.honest(), 100, 50));

    ChainResult result = chain(clock).run(request(), twoTargets(), BUDGET);

    assertThat(result.answeredBy()).isEqualTo("llama");
    assertThat(result.tier()).isEqualTo(ModelTier.FALLBACK);
    assertThat(outcomes(result))
        .containsExactly(CallOutcome.SERVER_ERROR, CallOutcome.SERVER_ERROR, CallOutcome.OK);
    assertThat(result.calls().get(0).detail()).contains("HTTP 500");
    assertThat(gateway.requests("claude-model")).hasSize(2);
  }

  @Test
  void retriesA429AfterTheRetryAfterItAskedFor() {
    gateway.script("claude-model", error(429, Map.of("Retry-After", "1")));
    gateway.always("claude-model", completion(Answers.honest(), 100, 50));

    ChainResult result = chain(Clock.systemUTC()).run(request(), twoTargets(), BUDGET);

    assertThat(result.answeredBy()).isEqualTo("claude");
    assertThat(outcomes(result)).containsExactly(CallOutcome.RATE_LIMITED, CallOutcome.OK);
    assertThat(result.calls().get(0).detail()).contains("Retry-After 1000ms, within the bound");
    var seen = gateway.requests("claude-model");
    assertThat(Duration.between(seen.get(0).at(), seen.get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void movesOnWhenRetryAfterIsLongerThanTheBound() {
    gateway.always("claude-model", error(429, Map.of("Retry-After", "30")));
    gateway.always("llama-model", completion(Answers.honest(), 100, 50));

    ChainResult result = chain(clock).run(request(), twoTargets(), BUDGET);

    assertThat(result.answeredBy()).isEqualTo("llama");
    assertThat(gateway.requests("claude-model")).hasSize(1);
    assertThat(result.calls().get(0).detail()).contains("exceeds the PT2S bound");
  }

  @Test
  void recordsATimeoutAndFallsToTheNextTarget() {
    gateway.always(
        "claude-model",
        StubGateway.slow(completion(Answers.honest(), 1, 1), Duration.ofSeconds(2)));
    gateway.always("llama-model", completion(Answers.honest(), 100, 50));
    var claude = client("claude", ModelTier.PRIMARY, 1, true, Duration.ofMillis(300));

    ChainResult result =
        chain(clock)
            .run(request(), List.of(claude, client("llama", ModelTier.FALLBACK, 2, false)), BUDGET);

    assertThat(result.answeredBy()).isEqualTo("llama");
    assertThat(outcomes(result))
        .containsExactly(CallOutcome.TIMEOUT, CallOutcome.TIMEOUT, CallOutcome.OK);
  }

  @Test
  void skipsATargetWhoseBreakerIsOpenForFiveMinutesWithoutCallingIt() {
    gateway.always("claude-model", error(503, Map.of()));
    gateway.always("llama-model", completion(Answers.honest(), 100, 50));
    FallbackChain chain = chain(clock);
    List<ModelClient> targets = twoTargets();
    chain.run(request(), targets, BUDGET);
    assertThat(gateway.requests("claude-model")).hasSize(2);

    clock.advance(Duration.ofMinutes(4).plusSeconds(59));
    ChainResult during = chain.run(request(), targets, BUDGET);

    assertThat(gateway.requests("claude-model")).hasSize(2);
    assertThat(during.calls().get(0).target()).isEqualTo("claude");
    assertThat(during.calls().get(0).outcome()).isEqualTo(CallOutcome.CIRCUIT_OPEN);
    assertThat(during.calls().get(0).latencyMillis()).isZero();
    assertThat(during.answeredBy()).isEqualTo("llama");

    gateway.always("claude-model", completion(Answers.honest(), 100, 50));
    clock.advance(Duration.ofSeconds(2));
    ChainResult after = chain.run(request(), targets, BUDGET);

    assertThat(gateway.requests("claude-model")).hasSize(3);
    assertThat(after.answeredBy()).isEqualTo("claude");
  }

  @Test
  void routesToTheFasterOfTwoTargetsOfEqualPriority() {
    gateway.always(
        "slow-model",
        StubGateway.slow(completion(Answers.honest(), 1, 1), Duration.ofMillis(1500)));
    gateway.always("fast-model", completion(Answers.honest(), 1, 1));
    FallbackChain chain = chain(Clock.systemUTC());
    List<ModelClient> equals =
        List.of(
            client("slow", ModelTier.PRIMARY, 1, false),
            client("fast", ModelTier.PRIMARY, 1, false));

    String first = chain.run(request(), equals, BUDGET).answeredBy();
    String second = chain.run(request(), equals, BUDGET).answeredBy();
    String third = chain.run(request(), equals, BUDGET).answeredBy();

    assertThat(List.of(first, second, third)).containsExactly("slow", "fast", "fast");
    assertThat(gateway.requests("slow-model")).hasSize(1);
  }

  @Test
  void recordsUnparseableOutputWithItsTokensAndMovesOn() {
    gateway.always("claude-model", completion("I believe the database is at fault.", 1000, 200));
    gateway.always("llama-model", completion(Answers.honest(), 100, 50));

    ChainResult result = chain(clock).run(request(), twoTargets(), BUDGET);

    assertThat(result.answeredBy()).isEqualTo("llama");
    ModelCall unparseable = result.calls().get(0);
    assertThat(unparseable.outcome()).isEqualTo(CallOutcome.UNPARSEABLE);
    assertThat(unparseable.detail()).startsWith("not JSON");
    assertThat(unparseable.costUsd()).isEqualByComparingTo("0.006000");
    assertThat(gateway.requests("claude-model")).hasSize(1);
  }

  @Test
  void passesAHallucinatedDiagnosisThroughUnchangedWithItsCallRecorded() {
    gateway.always("claude-model", completion(Answers.hallucinated(), 2000, 300));

    ChainResult result = chain(clock).run(request(), twoTargets(), BUDGET);

    assertThat(result.answeredBy()).isEqualTo("claude");
    assertThat(result.diagnosis().suspectedDeploySha()).isEqualTo("e4f5a6b7c8d9");
    assertThat(result.diagnosis().confidence()).isEqualTo(0.97);
    assertThat(result.diagnosis().citedEvidence()).containsExactly("E1", "E99");
    assertThat(result.diagnosis().action().scope()).isEqualTo("all");
    assertThat(result.diagnosis().action().revision()).isEqualTo(1L);
    assertThat(result.diagnosis().action().params())
        .containsEntry("reason", "revert every deployment");
    assertThat(outcomes(result)).containsExactly(CallOutcome.OK);
  }

  @Test
  void keepsADeleteActionVerbatimAndMarksItUnsupported() {
    gateway.always("claude-model", completion(Answers.delete(), 100, 50));

    ChainResult result = chain(clock).run(request(), twoTargets(), BUDGET);

    assertThat(result.answeredBy()).isEqualTo("claude");
    assertThat(result.diagnosis().action().type()).isEqualTo("delete");
    assertThat(result.diagnosis().action().supported()).isFalse();
    assertThat(result.diagnosis().action().actionType()).isEmpty();
  }

  @Test
  void stopsCallingAtThePerIncidentCallCapAndLetsTheAnalyzerAnswer() {
    gateway.always("claude-model", error(500, Map.of()));
    gateway.always("llama-model", completion(Answers.honest(), 100, 50));

    ChainResult result =
        chain(clock).run(request(), twoTargets(), CallBudget.of(1, new BigDecimal("10")));

    assertThat(gateway.requests()).hasSize(1);
    assertThat(outcomes(result))
        .containsExactly(
            CallOutcome.SERVER_ERROR,
            CallOutcome.BUDGET_EXCEEDED,
            CallOutcome.BUDGET_EXCEEDED,
            CallOutcome.OK);
    assertThat(result.calls().get(1).detail()).contains("call cap reached: 1 of 1");
    assertThat(result.answeredBy()).isEqualTo(OfflineAnalyzer.NAME);
    assertThat(result.tier()).isEqualTo(ModelTier.OFFLINE);
  }

  @Test
  void stopsCallingAtThePerIncidentCostCap() {
    gateway.always("claude-model", completion("not json", 100_000, 10_000));
    gateway.always("llama-model", completion(Answers.honest(), 100, 50));

    ChainResult result =
        chain(clock).run(request(), twoTargets(), CallBudget.of(8, new BigDecimal("0.25")));

    assertThat(result.calls().get(0).costUsd()).isEqualByComparingTo("0.450000");
    assertThat(result.calls().get(1).outcome()).isEqualTo(CallOutcome.BUDGET_EXCEEDED);
    assertThat(result.calls().get(1).detail()).contains("cost cap reached: $0.450000 of $0.25");
    assertThat(gateway.requests("llama-model")).isEmpty();
    assertThat(result.answeredBy()).isEqualTo(OfflineAnalyzer.NAME);
  }

  @Test
  void alwaysAnswersThroughTheOfflineAnalyzerWhenEveryTargetFails() {
    gateway.always("claude-model", error(500, Map.of()));
    gateway.always("llama-model", error(502, Map.of()));

    ChainResult result = chain(clock).run(request(), twoTargets(), BUDGET);

    assertThat(result.answeredBy()).isEqualTo(OfflineAnalyzer.NAME);
    assertThat(result.tier()).isEqualTo(ModelTier.OFFLINE);
    assertThat(result.diagnosis().action().type()).isEqualTo("ROLLBACK");
    assertThat(result.calls()).hasSize(5);
    assertThat(result.calls().get(4).target()).isEqualTo(OfflineAnalyzer.NAME);
  }

  @Test
  void recordsAnUnauthorisedTargetAsAClientErrorWithoutRetrying() {
    gateway.always("claude-model", error(401, Map.of()));
    gateway.always("llama-model", completion(Answers.honest(), 100, 50));

    ChainResult result = chain(clock).run(request(), twoTargets(), BUDGET);

    assertThat(outcomes(result)).containsExactly(CallOutcome.CLIENT_ERROR, CallOutcome.OK);
  }

  private List<ModelClient> twoTargets() {
    return List.of(
        client("claude", ModelTier.PRIMARY, 1, true),
        client("llama", ModelTier.FALLBACK, 2, false));
  }

  private ModelClient client(String name, ModelTier tier, int priority, boolean structured) {
    return client(name, tier, priority, structured, Duration.ofSeconds(5));
  }

  private ModelClient client(
      String name, ModelTier tier, int priority, boolean structured, Duration timeout) {
    var pricing = new Pricing(new BigDecimal("0.003"), new BigDecimal("0.015"));
    var spec = new TargetSpec(name, name + "-model", tier, priority, timeout, pricing, structured);
    return SpringAiModelClient.create(spec, gateway.baseUrl(), "test-key");
  }

  private static FallbackChain chain(Clock clock) {
    return new FallbackChain(
        SETTINGS,
        new TargetHealth(SETTINGS, clock),
        new OfflineAnalyzer(AnalyzerSettings.defaults()),
        clock);
  }

  private static DiagnosisRequest request() {
    return DiagnosisRequest.first(Signals.badDeploy());
  }

  private static List<CallOutcome> outcomes(ChainResult result) {
    return result.calls().stream().map(ModelCall::outcome).toList();
  }
}
