package io.backstop.safety.facts;

import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.SymptomKind;
import io.backstop.events.signal.Workload;
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
    List<String> admitting =
        type.filter(ActionType::isWrite)
            .map(t -> kinds.stream().filter(k -> k.admits(t)).map(Enum::name).toList())
            .orElse(List.of());
    facts.put("symptoms", kinds.stream().map(Enum::name).toList());
    facts.put("action.admittedBy", admitting);
    facts.put("action.admitted", !admitting.isEmpty());
  }

  /** The distinct symptom kinds of a workload, in declaration order. */
  static List<SymptomKind> kinds(Subject subject, Optional<Workload> workload) {
    return subject.signals().symptoms().stream()
        .filter(s -> subject.concerns(s.workload(), workload))
        .map(Symptom::kind)
        .distinct()
        .sorted()
        .toList();
  }
}
