package io.backstop.diagnosis;

import io.backstop.diagnosis.chain.ChainResult;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.EventHeader;
import io.backstop.events.SignalsGathered;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.diagnosis.ModelCall;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.diagnosis.RecommendedAction;
import io.backstop.redaction.Redactor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps between a chain's answer and the {@link DiagnosisProposed} fact, field for field. Every
 * field the model wrote passes through triage's {@link Redactor} first, so a secret the model
 * echoed from a log never reaches the audit trail; the marker it leaves makes the guardrail reject
 * the proposal (policy {@code quality.no-secrets}).
 */
public final class Proposals {

  private static final Redactor REDACTOR = new Redactor();

  private Proposals() {}

  static DiagnosisProposed of(
      EventHeader header, ChainResult result, int reroutes, SignalsGathered signals) {
    return proposed(
        header,
        redacted(result.diagnosis()),
        result.answeredBy(),
        result.tier(),
        result.calls(),
        reroutes,
        signals);
  }

  /**
   * A diagnosis as the sealed fact, field for field: the one mapping from {@link Diagnosis} to
   * {@link DiagnosisProposed}, used by this service and by the evaluation (which must score exactly
   * what the service emits). It redacts nothing: model-written text goes through {@link #redacted}
   * first.
   */
  public static DiagnosisProposed proposed(
      EventHeader header,
      Diagnosis d,
      String answeredBy,
      ModelTier tier,
      List<ModelCall> calls,
      int reroutes,
      SignalsGathered signals) {
    return EventCodec.seal(
        new DiagnosisProposed(
            header,
            d.hypothesis(),
            d.suspectedResource(),
            d.suspectedNamespace(),
            d.suspectedDeploySha(),
            d.confidence(),
            d.citedEvidence(),
            d.action(),
            answeredBy,
            tier,
            calls,
            reroutes,
            signals));
  }

  /** The diagnosis with every model-written text redacted (unchanged when it holds no secret). */
  public static Diagnosis redacted(Diagnosis d) {
    RecommendedAction a = d.action();
    Map<String, String> params = new LinkedHashMap<>();
    a.params().forEach((k, v) -> params.put(text(k), text(v)));
    RecommendedAction action =
        new RecommendedAction(
            text(a.type()),
            text(a.target()),
            text(a.namespace()),
            text(a.scope()),
            a.revision(),
            text(a.gitSha()),
            a.replicas(),
            params,
            text(a.podTemplateHash()));
    return new Diagnosis(
        text(d.hypothesis()),
        text(d.suspectedResource()),
        text(d.suspectedNamespace()),
        text(d.suspectedDeploySha()),
        d.confidence(),
        d.citedEvidence().stream().map(Proposals::text).toList(),
        action);
  }

  private static String text(String value) {
    return value == null ? null : REDACTOR.redact(value).text();
  }

  static Diagnosis diagnosisOf(DiagnosisProposed p) {
    return new Diagnosis(
        p.hypothesis(),
        p.suspectedResource(),
        p.suspectedNamespace(),
        p.suspectedDeploySha(),
        p.confidence(),
        p.citedEvidence(),
        p.action());
  }

  /** The same findings, but handed to a human. */
  static Diagnosis escalation(Diagnosis d, String why) {
    RecommendedAction a = d.action();
    var escalate =
        new RecommendedAction(
            ActionType.ESCALATE.name(), a.target(), a.namespace(), null, null, null, null, null);
    return new Diagnosis(
        d.hypothesis() + "; " + why,
        d.suspectedResource(),
        d.suspectedNamespace(),
        d.suspectedDeploySha(),
        d.confidence(),
        d.citedEvidence(),
        escalate);
  }
}
