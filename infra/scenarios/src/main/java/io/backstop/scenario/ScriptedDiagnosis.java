package io.backstop.scenario;

import io.backstop.events.diagnosis.RecommendedAction;

/**
 * A structured diagnosis as a model writes it (the JSON the model simulator returns): hypothesis,
 * the suspected resource and deploy SHA, confidence, the evidence ids it cites and the action it
 * recommends, in the contract's own shape ({@link RecommendedAction}: {@code type} is text, so a
 * model may ask for {@code delete} or {@code scope: all}; the guardrail decides what that means).
 * Nothing here is checked against the cluster: a hallucinated diagnosis is meant to be wrong.
 */
public record ScriptedDiagnosis(
    String hypothesis,
    String suspectedResource,
    String suspectedNamespace,
    String suspectedDeploySha,
    double confidence,
    CitedEvidence citedEvidence,
    RecommendedAction action) {}
