package io.backstop.events.signal;

import io.backstop.events.Require;
import io.backstop.events.id.EvidenceId;
import java.time.Instant;
import java.util.List;

/** A recognised symptom of one workload, with the evidence items that show it. */
public record Symptom(
    SymptomKind kind,
    WorkloadRef workload,
    Instant since,
    List<EvidenceId> evidence,
    String detail) {

  public Symptom {
    Require.present(kind, "kind");
    Require.present(workload, "workload");
    evidence = Require.list(evidence);
    detail = detail == null ? "" : detail;
  }
}
