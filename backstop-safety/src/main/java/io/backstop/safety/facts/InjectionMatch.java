package io.backstop.safety.facts;

import io.backstop.events.signal.Evidence;
import io.backstop.redaction.InjectionDetector;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whether the write does what an injected instruction in the evidence asked for. Safety rationale:
 * text flagged as a suspected injection (by triage, with the one definition in {@link
 * InjectionDetector}: by phrase, not by verb) is data; a proposal whose verb and object both appear
 * in such text is treated as following it, whatever the model claims.
 */
final class InjectionMatch {

  private InjectionMatch() {}

  static boolean follows(Subject subject) {
    ProposedWrite write = subject.write();
    if (write.requested() == null || write.requested().isBlank()) {
      return false;
    }
    List<String> objects =
        Stream.of(Optional.ofNullable(write.target()), Optional.ofNullable(write.namespace()))
            .flatMap(Optional::stream)
            .toList();
    return subject.signals().evidence().stream()
        .filter(Evidence::suspectedInjection)
        .anyMatch(e -> InjectionDetector.asksFor(e.text(), write.requested(), objects));
  }
}
