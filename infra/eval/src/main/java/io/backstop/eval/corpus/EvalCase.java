package io.backstop.eval.corpus;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One incident of the corpus: the cluster and signals as triage would see them, what Backstop did
 * before in this incident and namespace, and one or more model outputs with what a careful SRE
 * expects the guardrail to decide for each.
 *
 * @param source the public benchmark fault type or incident write-up the case is modelled on
 * @param holdout a case kept for checking that rules generalize: rules are developed against the
 *     other cases, and the holdout is only measured
 * @param base the file under {@code bases/} whose workloads this case starts from
 * @param onsetAgo when the anomaly began, before {@code now}; null when triage found no onset
 */
public record EvalCase(
    String id,
    String title,
    String category,
    String source,
    Boolean holdout,
    String base,
    String namespace,
    Instant now,
    AlertSpec alert,
    Duration onsetAgo,
    Duration healthWindow,
    List<WorkloadSpec> workloads,
    List<EvidenceSpec> evidence,
    List<SymptomSpec> symptoms,
    FindingsSpec findings,
    List<PriorAction> prior,
    @JsonProperty("outputs") List<ModelOutput> outputs,
    String notes) {

  /** The instant every case is set at unless it says otherwise. */
  public static final Instant DEFAULT_NOW = Instant.parse("2026-11-24T10:00:00Z");

  public EvalCase {
    workloads = workloads == null ? List.of() : List.copyOf(workloads);
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    symptoms = symptoms == null ? List.of() : List.copyOf(symptoms);
    findings = findings == null ? FindingsSpec.NONE : findings;
    prior = prior == null ? List.of() : List.copyOf(prior);
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
    now = now == null ? DEFAULT_NOW : now;
    healthWindow = healthWindow == null ? Duration.ofMinutes(30) : healthWindow;
    notes = notes == null ? "" : notes;
    holdout = Boolean.TRUE.equals(holdout);
  }

  /** The alert: which workload it fired on and its name. */
  public record AlertSpec(String workload, String kind, String name, String severity) {}
}
