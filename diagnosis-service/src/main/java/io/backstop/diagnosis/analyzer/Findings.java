package io.backstop.diagnosis.analyzer;

import io.backstop.events.SignalsGathered;
import io.backstop.events.id.EvidenceId;
import io.backstop.events.signal.Evidence;
import io.backstop.events.signal.EvidenceKind;
import io.backstop.events.signal.RolloutHistory;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.SymptomKind;
import io.backstop.events.signal.Workload;
import io.backstop.events.signal.WorkloadRef;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The signals as the rules read them, for one workload: its symptoms, rollout history, inventory
 * entry and the evidence that may be cited (items about it, never suspected injections).
 */
record Findings(SignalsGathered signals, WorkloadRef workload, List<Symptom> symptoms) {

  /** The workload to diagnose: the alerted one if it shows symptoms, else the first that does. */
  static Findings of(SignalsGathered signals) {
    WorkloadRef focus =
        signals.symptoms().stream().anyMatch(s -> s.workload().equals(signals.target()))
            ? signals.target()
            : signals.symptoms().stream()
                .map(Symptom::workload)
                .findFirst()
                .orElse(signals.target());
    List<Symptom> own =
        signals.symptoms().stream().filter(s -> s.workload().equals(focus)).toList();
    return new Findings(signals, focus, own);
  }

  boolean has(SymptomKind... kinds) {
    Set<SymptomKind> wanted = EnumSet.of(kinds[0], kinds);
    return symptoms.stream().anyMatch(s -> wanted.contains(s.kind()));
  }

  List<Symptom> of(SymptomKind... kinds) {
    Set<SymptomKind> wanted = EnumSet.of(kinds[0], kinds);
    return symptoms.stream().filter(s -> wanted.contains(s.kind())).toList();
  }

  Set<SymptomKind> kinds() {
    Set<SymptomKind> kinds = EnumSet.noneOf(SymptomKind.class);
    symptoms.forEach(s -> kinds.add(s.kind()));
    return kinds;
  }

  Optional<RolloutHistory> history() {
    return signals.rollout(workload);
  }

  Optional<Workload> inventoryEntry() {
    return signals.inventory().stream().filter(w -> w.ref().equals(workload)).findFirst();
  }

  /** When the trouble began: the earliest symptom, else the anomaly onset. */
  Optional<Instant> onset() {
    return symptoms.stream()
        .map(Symptom::since)
        .filter(java.util.Objects::nonNull)
        .min(Instant::compareTo)
        .or(() -> Optional.ofNullable(signals.anomalyOnset()));
  }

  /** Citable ids among the given symptoms' evidence, plus items of the given kinds. */
  List<String> cite(Collection<Symptom> from, EvidenceKind... alsoKinds) {
    Set<EvidenceId> ids = new LinkedHashSet<>();
    from.forEach(s -> ids.addAll(s.evidence()));
    Set<EvidenceKind> extra = Set.of(alsoKinds);
    signals.evidence().stream().filter(e -> extra.contains(e.kind())).forEach(e -> ids.add(e.id()));
    return signals.evidence().stream()
        .filter(e -> ids.contains(e.id()))
        .filter(this::citable)
        .map(e -> e.id().value())
        .toList();
  }

  private boolean citable(Evidence e) {
    return !e.suspectedInjection() && workload.equals(e.workload());
  }
}
