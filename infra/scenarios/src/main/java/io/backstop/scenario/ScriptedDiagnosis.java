package io.backstop.scenario;

/**
 * A structured diagnosis as a model writes it (the JSON the model simulator returns): hypothesis,
 * the suspected resource and deploy SHA, confidence, the evidence ids it cites and the action it
 * recommends. Nothing here is checked against the cluster: a hallucinated diagnosis is meant to be
 * wrong.
 */
public record ScriptedDiagnosis(
    String hypothesis,
    String suspectedResource,
    String suspectedNamespace,
    String suspectedDeploySha,
    double confidence,
    CitedEvidence citedEvidence,
    ScriptedAction action) {}
