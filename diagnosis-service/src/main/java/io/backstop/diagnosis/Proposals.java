package io.backstop.diagnosis;

import io.backstop.diagnosis.chain.ChainResult;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.EventHeader;
import io.backstop.events.SignalsGathered;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.diagnosis.RecommendedAction;

/** Maps between a chain's answer and the {@link DiagnosisProposed} fact, field for field. */
final class Proposals {

  private Proposals() {}

  static DiagnosisProposed of(
      EventHeader header, ChainResult result, int reroutes, SignalsGathered signals) {
    Diagnosis d = result.diagnosis();
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
            result.answeredBy(),
            result.tier(),
            result.calls(),
            reroutes,
            signals));
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
