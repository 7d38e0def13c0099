package io.backstop.safety.facts;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.signal.RolloutHistory;
import io.backstop.events.signal.Workload;
import java.util.Map;
import java.util.Optional;

/** Facts about the suspected resource and deploy SHA: do they exist in what triage gathered. */
final class GroundingFacts {

  private GroundingFacts() {}

  static void contribute(Subject subject, Map<String, Object> facts) {
    DiagnosisProposed diagnosis = subject.diagnosis();
    Optional<Workload> suspect = subject.suspect();
    String rawNamespace = diagnosis.suspectedNamespace();
    facts.put("resource.named", present(diagnosis.suspectedResource()));
    facts.put(
        "resource.clean",
        Names.canonical(diagnosis.suspectedResource()).isPresent()
            && Names.canonical(rawNamespace).isPresent());
    facts.put("resource.inInventory", suspect.isPresent());
    facts.put(
        "resource.namespaceMatches",
        Names.canonical(rawNamespace)
            .map(ns -> ns.equals(subject.signals().target().namespace()))
            .orElse(false));
    sha(subject, suspect, facts);
  }

  private static void sha(Subject subject, Optional<Workload> suspect, Map<String, Object> facts) {
    String raw = subject.diagnosis().suspectedDeploySha();
    Optional<String> sha = ShaMatch.normalise(raw);
    Optional<RolloutHistory> history = subject.history(suspect);
    SuspectedDeploy.Named named = SuspectedDeploy.in(history, raw);
    facts.put("sha.given", present(raw));
    facts.put("sha.grounded", named.revision().isPresent());
    facts.put("sha.ambiguous", named.ambiguous());
    facts.put(
        "sha.otherDeployment",
        named.revision().isEmpty()
            && !named.ambiguous()
            && sha.isPresent()
            && subject.signals().rollouts().stream()
                .filter(h -> history.map(mine -> !mine.equals(h)).orElse(true))
                .anyMatch(h -> !ShaMatch.matches(h, sha.get()).isEmpty()));
  }

  static boolean present(String text) {
    return text != null && !text.isBlank();
  }
}
