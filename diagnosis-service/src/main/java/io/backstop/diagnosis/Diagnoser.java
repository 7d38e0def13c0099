package io.backstop.diagnosis;

import io.backstop.diagnosis.chain.CallBudget;
import io.backstop.diagnosis.chain.ChainResult;
import io.backstop.diagnosis.chain.FallbackChain;
import io.backstop.diagnosis.chain.ModelClient;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.DiagnosisRejected;
import io.backstop.events.EventHeader;
import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.events.Stage;
import io.backstop.events.diagnosis.ModelCall;
import io.backstop.events.diagnosis.ModelTier;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

/**
 * Turns signals into a proposal through the priority chain, and a rejection into a new proposal on
 * the tier the rejection names ({@code nextTier}, with the failed checks in the prompt). It never
 * judges the answer, and never decides whether a re-route is allowed: the guardrail owns the
 * re-route budget, and escalates instead of rejecting once it is spent.
 */
public final class Diagnoser {

  private final FallbackChain chain;
  private final List<ModelClient> regular;
  private final List<ModelClient> strong;
  private final CallBudget budget;
  private final Clock clock;

  public Diagnoser(FallbackChain chain, List<ModelClient> clients, CallBudget budget, Clock clock) {
    this.chain = chain;
    this.regular = clients.stream().filter(c -> c.target().tier() != ModelTier.STRONG).toList();
    this.strong = clients.stream().filter(c -> c.target().tier() == ModelTier.STRONG).toList();
    this.budget = budget;
    this.clock = clock;
  }

  public DiagnosisProposed diagnose(SignalsGathered signals) {
    ChainResult result = chain.run(DiagnosisRequest.first(signals), regular, budget);
    return proposal(signals, signals, result, 0);
  }

  public DiagnosisProposed rediagnose(DiagnosisRejected rejection) {
    DiagnosisProposed rejected = rejection.rejected();
    SignalsGathered signals = rejected.signals();
    var request =
        new DiagnosisRequest(signals, rejection.failures(), Proposals.diagnosisOf(rejected));
    int reroutes = rejected.rerouteCount() + 1;
    CallBudget spent = budget.alreadySpent(networkCalls(rejected.calls()), cost(rejected.calls()));
    ChainResult result = chain.run(request, candidates(rejection.nextTier()), spent);
    return proposal(rejection, signals, result, reroutes);
  }

  private List<ModelClient> candidates(ModelTier tier) {
    return switch (tier) {
      case STRONG -> strong;
      case PRIMARY, FALLBACK -> regular;
      case OFFLINE -> List.of();
    };
  }

  private DiagnosisProposed proposal(
      IncidentEvent cause, SignalsGathered signals, ChainResult result, int reroutes) {
    var header =
        EventHeader.reactingTo(cause, Stage.DIAGNOSIS, DiagnosisProposed.class, 1, clock.instant());
    return Proposals.of(header, result, reroutes, signals);
  }

  private static int networkCalls(List<ModelCall> calls) {
    return (int) calls.stream().filter(c -> c.tier() != ModelTier.OFFLINE).count();
  }

  private static BigDecimal cost(List<ModelCall> calls) {
    return calls.stream().map(ModelCall::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
