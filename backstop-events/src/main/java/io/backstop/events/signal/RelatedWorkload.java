package io.backstop.events.signal;

import io.backstop.events.Require;
import io.backstop.events.id.EvidenceId;
import java.util.List;

/**
 * A workload other than the alerted one that triage looked at, how it is related and how triage
 * knows ({@code via}: "service checkout-db selects it", "env DB_HOST", "annotation
 * backstop.io/depends-on", "node worker-2"), with the evidence items gathered about it.
 */
public record RelatedWorkload(
    WorkloadRef workload, Relation relation, String via, List<EvidenceId> evidence) {

  public RelatedWorkload {
    Require.present(workload, "related.workload");
    Require.present(relation, "related.relation");
    via = via == null ? "" : via;
    evidence = Require.list(evidence);
  }
}
