package io.backstop.events.signal;

import io.backstop.events.Require;
import io.backstop.events.id.EvidenceId;
import java.time.Instant;

/**
 * One numbered evidence item. {@code workload} is the workload the item concerns (the Deployment a
 * pod belongs to; not only the alerted one), {@code node} the node it concerns when it is about a
 * node (null otherwise), {@code subject} the exact object it was read from. The text is already
 * redacted. {@code untrusted} marks text written by the workload or the alert source (logs,
 * annotations): data, never instructions. {@code suspectedInjection} flags text that reads like an
 * instruction to the agent.
 */
public record Evidence(
    EvidenceId id,
    EvidenceKind kind,
    String source,
    WorkloadRef workload,
    String node,
    String subject,
    Instant observedAt,
    String text,
    boolean untrusted,
    boolean suspectedInjection) {

  public Evidence {
    Require.present(id, "id");
    Require.present(kind, "kind");
    Require.text(source, "source");
    Require.present(observedAt, "observedAt");
    node = node == null || node.isBlank() ? null : node;
    text = text == null ? "" : text;
  }

  /** An item about a workload (or about nothing named), not about a node. */
  public Evidence(
      EvidenceId id,
      EvidenceKind kind,
      String source,
      WorkloadRef workload,
      String subject,
      Instant observedAt,
      String text,
      boolean untrusted,
      boolean suspectedInjection) {
    this(
        id, kind, source, workload, null, subject, observedAt, text, untrusted, suspectedInjection);
  }
}
