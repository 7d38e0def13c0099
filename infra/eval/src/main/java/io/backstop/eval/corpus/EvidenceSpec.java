package io.backstop.eval.corpus;

import java.time.Duration;

/**
 * One numbered evidence item. {@code workload} names a workload of the namespace (absent for an
 * item about a node or about nothing named); {@code source} defaults to prometheus for METRIC and
 * kubernetes otherwise; {@code untrusted} defaults to true for LOG items; {@code ago} to one
 * minute.
 */
public record EvidenceSpec(
    String id,
    String kind,
    String source,
    String workload,
    String node,
    String subject,
    Duration ago,
    String text,
    Boolean untrusted,
    Boolean injection) {}
