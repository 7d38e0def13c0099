package io.backstop.safety.facts;

import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.SymptomKind;
import io.backstop.events.signal.Workload;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The symptoms triage recorded for the workload the action writes, and which of them admit the
 * action. Safety rationale: which action fits which symptom is stated once, by {@link
 * SymptomKind#admits}, in the events contract; the policies only ask whether some symptom of the
 * target admits the write, so the mapping cannot drift between triage, the analyzer and the gate.
 */
final class SymptomFacts {

  private SymptomFacts() {}

  static void contribute(Subject subject, Map<String, Object> facts) {
    List<SymptomKind> kinds = kinds(subject, subject.target());
    Optional<ActionType> type = subject.write().type();
    List<String> names = new ArrayList<>(kinds.size());
    List<String> admitting = new ArrayList<>(kinds.size());
    boolean write = type.isPresent() && type.get().isWrite();
    for (SymptomKind kind : kinds) {
      names.add(kind.name());
      if (write && kind.admits(type.get())) {
        admitting.add(kind.name());
      }
    }
    facts.put("symptoms", List.copyOf(names));
    facts.put("action.admittedBy", List.copyOf(admitting));
    facts.put("action.admitted", !admitting.isEmpty());
  }

  /**
   * The distinct symptom kinds of a workload, in declaration order; the target's are computed once
   * per subject (most contributors ask for them).
   */
  static List<SymptomKind> kinds(Subject subject, Optional<Workload> workload) {
    return workload == subject.target() ? subject.targetKinds() : computed(subject, workload);
  }

  static List<SymptomKind> computed(Subject subject, Optional<Workload> workload) {
    EnumSet<SymptomKind> kinds = EnumSet.noneOf(SymptomKind.class);
    for (Symptom symptom : subject.signals().symptoms()) {
      if (subject.concerns(symptom.workload(), workload)) {
        kinds.add(symptom.kind());
      }
    }
    return List.copyOf(kinds);
  }
}
