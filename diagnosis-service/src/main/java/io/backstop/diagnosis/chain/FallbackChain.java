package io.backstop.diagnosis.chain;

import io.backstop.diagnosis.Diagnosis;
import io.backstop.diagnosis.DiagnosisRequest;
import io.backstop.diagnosis.analyzer.OfflineAnalyzer;
import io.backstop.diagnosis.prompt.AnswerParser;
import io.backstop.diagnosis.prompt.DiagnosisPrompt;
import io.backstop.diagnosis.prompt.PromptRenderer;
import io.backstop.events.diagnosis.CallOutcome;
import io.backstop.events.diagnosis.ModelCall;
import io.backstop.events.diagnosis.ModelTier;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Asks the candidate targets in routing order until one answers with a readable diagnosis; the
 * offline analyzer answers when none does, so the chain always answers. Every attempt, skip and the
 * analyzer's answer is on the returned record.
 */
public final class FallbackChain {

  private final TargetHealth health;
  private final TargetCalls calls;
  private final PromptRenderer renderer = new PromptRenderer();
  private final OfflineAnalyzer analyzer;
  private final Clock clock;

  public FallbackChain(
      ChainSettings settings, TargetHealth health, OfflineAnalyzer analyzer, Clock clock) {
    this.health = health;
    this.calls = new TargetCalls(settings, health, new AnswerParser(), clock);
    this.analyzer = analyzer;
    this.clock = clock;
  }

  public ChainResult run(
      DiagnosisRequest request, List<ModelClient> candidates, CallBudget budget) {
    CallLog log = new CallLog();
    if (!candidates.isEmpty()) {
      DiagnosisPrompt prompt = renderer.render(request);
      for (ModelClient client : Routing.order(candidates, health)) {
        Optional<Diagnosis> answer = calls.call(client, prompt, log, budget);
        if (answer.isPresent()) {
          var target = client.target();
          return new ChainResult(answer.get(), target.name(), target.tier(), log.calls());
        }
      }
    }
    return offline(request, log);
  }

  /** The offline analyzer's answer, on the record like any other call. */
  public ChainResult offline(DiagnosisRequest request, CallLog log) {
    Instant started = clock.instant();
    Diagnosis diagnosis = analyzer.analyze(request.signals());
    long latency = Math.max(0, clock.millis() - started.toEpochMilli());
    log.add(
        new ModelCall(
            OfflineAnalyzer.NAME,
            OfflineAnalyzer.MODEL,
            ModelTier.OFFLINE,
            CallOutcome.OK,
            started,
            latency,
            0,
            0,
            BigDecimal.ZERO,
            "deterministic rule-based analyzer"));
    return new ChainResult(diagnosis, OfflineAnalyzer.NAME, ModelTier.OFFLINE, log.calls());
  }
}
