package io.backstop.safety.facts;

import io.backstop.events.DiagnosisProposed;
import io.backstop.safety.config.Settings;
import java.util.Map;

/**
 * Computes the facts of a subject. Safety rationale: the hard questions (Unicode, SHA prefixes,
 * revision windows) are answered here in tested Java and handed to the policies as plain values, so
 * a policy file can be read and reviewed by someone who does not write Java.
 */
public final class FactSheet {

  private FactSheet() {}

  public static Facts compute(Subject subject, Settings settings) {
    // each fact goes straight into its slot: no map entry per fact and review
    Facts.Sheet facts = new Facts.Sheet();
    ProposalShape.contribute(subject, facts);
    facts.put("proposal.secretFields", subject.modelText().secretFields());
    facts.put("proposal.completed", subject.completion().orElse(""));
    diagnosis(subject, facts);
    GroundingFacts.contribute(subject, facts);
    CitationFacts.contribute(subject, facts);
    ActionFacts.contribute(subject, facts);
    SymptomFacts.contribute(subject, facts);
    DeployFacts.contribute(subject, settings, facts);
    TrainFacts.contribute(subject, facts);
    DriftFacts.contribute(subject, facts);
    CommonCauseFacts.contribute(subject, settings, facts);
    CallerFacts.contribute(subject, settings, facts);
    ScaleFacts.contribute(subject, settings, facts);
    RestartFacts.contribute(subject, settings, facts);
    NetworkPolicyFacts.contribute(subject, settings, facts);
    facts.put("incident.writesApproved", (long) subject.writesApproved());
    facts.put("target.recentWrites", subject.recentWritesToTarget());
    facts.put("target.settlingWrite", subject.settlingWriteToTarget());
    config(subject.diagnosis(), settings, facts);
    return facts.facts();
  }

  private static void diagnosis(Subject subject, Map<String, Object> facts) {
    DiagnosisProposed diagnosis = subject.diagnosis();
    ModelText text = subject.modelText();
    double confidence = diagnosis.confidence();
    facts.put("diagnosis.confidence", Double.isNaN(confidence) ? -1.0 : confidence);
    facts.put("diagnosis.tier", diagnosis.tier().name());
    facts.put("diagnosis.rerouteCount", (long) diagnosis.rerouteCount());
    facts.put("diagnosis.resource", text.shown(ActionFacts.text(diagnosis.suspectedResource())));
    facts.put("diagnosis.namespace", text.shown(ActionFacts.text(diagnosis.suspectedNamespace())));
    facts.put("diagnosis.sha", text.shown(ActionFacts.text(diagnosis.suspectedDeploySha())));
  }

  private static void config(
      DiagnosisProposed diagnosis, Settings settings, Map<String, Object> facts) {
    facts.put("config.minConfidence", settings.minConfidence());
    facts.put("config.highConfidence", settings.highConfidence());
    facts.put("config.writeConfidence", settings.writeConfidence(diagnosis.tier()));
    facts.put("config.allowedNamespaces", settings.allowedNamespaces());
    facts.put("config.systemNamespaces", settings.systemNamespaces());
    facts.put("config.protectedNames", settings.protectedNames());
    facts.put("config.scaleMin", (long) settings.scaleMin());
    facts.put("config.scaleMax", (long) settings.scaleMax());
    facts.put("config.maxReplicasAffected", (long) settings.maxReplicasAffected());
    facts.put("config.maxWritesPerIncident", (long) settings.maxWritesPerIncident());
    facts.put("config.maxWritesPerDeployment", (long) settings.breaker().maxWritesPerDeployment());
    facts.put("config.coordinatedRollback", settings.coordinatedRollback());
  }
}
