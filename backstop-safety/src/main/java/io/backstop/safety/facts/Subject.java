package io.backstop.safety.facts;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.SignalsGathered;
import io.backstop.events.signal.RolloutHistory;
import io.backstop.events.signal.Workload;
import io.backstop.events.signal.WorkloadRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one judgement is about: the diagnosis, the signals it is judged against, the write under
 * judgement and how many writes the incident already had. Safety rationale: names the model wrote
 * are resolved against the gathered inventory only through {@link Names#canonical}, so nothing
 * downstream ever acts on a name the model invented.
 */
public record Subject(
    DiagnosisProposed diagnosis, SignalsGathered signals, ProposedWrite write, int writesApproved) {

  public Subject {
    Objects.requireNonNull(diagnosis, "diagnosis");
    Objects.requireNonNull(signals, "signals");
    Objects.requireNonNull(write, "write");
  }

  /** The inventory workloads named {@code namespace/name}, read strictly. */
  public List<Workload> workloads(String rawNamespace, String rawName) {
    Optional<String> namespace = Names.canonical(rawNamespace);
    Optional<String> name = Names.canonical(rawName);
    if (namespace.isEmpty() || name.isEmpty()) {
      return List.of();
    }
    return signals.inventory().stream()
        .filter(w -> w.ref().namespace().equals(namespace.get()))
        .filter(w -> w.ref().name().equals(name.get()))
        .toList();
  }

  /** The workload the diagnosis suspects, when it exists in the inventory. */
  public Optional<Workload> suspect() {
    return single(workloads(diagnosis.suspectedNamespace(), diagnosis.suspectedResource()));
  }

  /** The workload the write targets, when it exists; a name shared by two kinds is the riskier. */
  public Optional<Workload> target() {
    return single(workloads(write.namespace(), write.target()));
  }

  /** The rollout history of a workload, when it is a Deployment and triage gathered one. */
  public Optional<RolloutHistory> history(Optional<Workload> workload) {
    return workload.map(Workload::ref).flatMap(signals::rollout);
  }

  public boolean concerns(WorkloadRef ref, Optional<Workload> workload) {
    return ref != null
        && workload.isPresent()
        && ref.namespace().equals(workload.get().ref().namespace())
        && ref.name().equals(workload.get().ref().name());
  }

  private static Optional<Workload> single(List<Workload> matches) {
    return matches.stream()
        .filter(
            w ->
                w.labelledProtected()
                    || w.ref().kind() != io.backstop.events.signal.WorkloadKind.DEPLOYMENT)
        .findFirst()
        .or(() -> matches.stream().findFirst());
  }
}
