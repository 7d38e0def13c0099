package io.backstop.events;

import io.backstop.events.diagnosis.ModelCall;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.diagnosis.RecommendedAction;
import java.util.List;

/**
 * A model (or the offline analyzer) proposed a diagnosis. Every field the model wrote is kept as it
 * wrote it (resource names, SHA, cited ids as text): this service does not judge its own output;
 * the guardrail does, against the embedded {@code signals} the diagnosis was made from. {@code
 * calls} is every model call made for this proposal, failed ones included.
 */
public record DiagnosisProposed(
    EventHeader header,
    String hypothesis,
    String suspectedResource,
    String suspectedNamespace,
    String suspectedDeploySha,
    double confidence,
    List<String> citedEvidence,
    RecommendedAction action,
    String answeredBy,
    ModelTier tier,
    List<ModelCall> calls,
    int rerouteCount,
    SignalsGathered signals)
    implements IncidentEvent {

  public DiagnosisProposed {
    Require.present(header, "header");
    Require.text(hypothesis, "hypothesis");
    citedEvidence = Require.list(citedEvidence);
    Require.present(action, "action");
    Require.text(answeredBy, "answeredBy");
    Require.present(tier, "tier");
    calls = Require.list(calls);
    Require.nonNegative(rerouteCount, "rerouteCount");
    Require.present(signals, "signals");
  }

  @Override
  public DiagnosisProposed withHeader(EventHeader newHeader) {
    return new DiagnosisProposed(
        newHeader,
        hypothesis,
        suspectedResource,
        suspectedNamespace,
        suspectedDeploySha,
        confidence,
        citedEvidence,
        action,
        answeredBy,
        tier,
        calls,
        rerouteCount,
        signals);
  }
}
