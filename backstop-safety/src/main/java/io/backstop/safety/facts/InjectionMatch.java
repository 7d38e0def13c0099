package io.backstop.safety.facts;

import io.backstop.events.signal.Evidence;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the write does what an injected instruction in the evidence asked for. Safety rationale:
 * text flagged as a suspected injection is data; a proposal whose verb and object both appear in
 * such text is treated as following it, whatever the model claims.
 */
final class InjectionMatch {

  private static final Map<String, List<String>> SYNONYMS =
      Map.of(
          "rollback", List.of("rollback", "roll back", "revert", "undo", "rollout undo"),
          "restart", List.of("restart", "bounce", "rollout restart", "kill"),
          "scale", List.of("scale", "replicas"));

  private InjectionMatch() {}

  static boolean follows(Subject subject) {
    ProposedWrite write = subject.write();
    String verb =
        write.requested() == null ? "" : write.requested().strip().toLowerCase(Locale.ROOT);
    if (verb.isEmpty()) {
      return false;
    }
    List<String> verbs = SYNONYMS.getOrDefault(verb, List.of(verb));
    List<String> objects = objects(write);
    return subject.signals().evidence().stream()
        .filter(Evidence::suspectedInjection)
        .map(e -> e.text().toLowerCase(Locale.ROOT))
        .anyMatch(text -> mentionsAny(text, verbs) && mentionsAny(text, objects));
  }

  private static List<String> objects(ProposedWrite write) {
    return java.util.stream.Stream.of(
            Optional.ofNullable(write.target()), Optional.ofNullable(write.namespace()))
        .flatMap(Optional::stream)
        .map(s -> s.strip().toLowerCase(Locale.ROOT))
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static boolean mentionsAny(String text, List<String> needles) {
    return needles.stream().anyMatch(text::contains);
  }
}
