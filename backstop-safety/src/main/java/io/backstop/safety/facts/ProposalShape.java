package io.backstop.safety.facts;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.diagnosis.ActionType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Whether the proposal has what its action needs; each gap is named. */
final class ProposalShape {

  private ProposalShape() {}

  static void contribute(Subject subject, Map<String, Object> facts) {
    List<String> problems = problems(subject);
    facts.put("proposal.wellFormed", problems.isEmpty());
    facts.put("proposal.problems", List.copyOf(problems));
  }

  private static List<String> problems(Subject subject) {
    DiagnosisProposed diagnosis = subject.diagnosis();
    ProposedWrite write = subject.write();
    List<String> problems = new ArrayList<>();
    if (!GroundingFacts.present(diagnosis.suspectedResource())) {
      problems.add("suspectedResource is missing");
    }
    if (!GroundingFacts.present(diagnosis.suspectedNamespace())) {
      problems.add("suspectedNamespace is missing");
    }
    double confidence = diagnosis.confidence();
    if (!(confidence >= 0.0 && confidence <= 1.0)) {
      problems.add("confidence must be between 0 and 1, but was " + confidence);
    }
    Optional<ActionType> type = write.type();
    if (type.map(ActionType::isWrite).orElse(false) && !GroundingFacts.present(write.target())) {
      problems.add("action.target is missing");
    }
    if (type.equals(Optional.of(ActionType.ROLLBACK))
        && (write.revision() == null
            || !(GroundingFacts.present(write.sha())
                || GroundingFacts.present(write.templateHash())))) {
      problems.add(
          "a rollback must name its revision by number and git SHA, or by number and"
              + " pod-template hash (one part alone is completed only when the rollout history"
              + " names exactly one revision)");
    }
    if (type.equals(Optional.of(ActionType.SCALE)) && write.replicas() == null) {
      problems.add("a scale must name its replicas");
    }
    return problems;
  }
}
