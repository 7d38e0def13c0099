package io.backstop.naive;

import java.util.Map;

/** What the model told the naive agent to do, read leniently: the naive agent trusts it all. */
public record ModelAnswer(
    String hypothesis,
    String suspectedDeploySha,
    double confidence,
    String actionType,
    String target,
    String namespace,
    String scope,
    Long revision,
    String gitSha,
    Integer replicas,
    Map<String, String> params) {}
