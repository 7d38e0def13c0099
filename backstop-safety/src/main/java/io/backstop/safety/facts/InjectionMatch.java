package io.backstop.safety.facts;

import io.backstop.events.signal.Evidence;
import io.backstop.redaction.InjectionDetector;
import java.util.List;

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
    List<String> objects = null; // named only once a suspected injection is found
    for (Evidence e : subject.signals().evidence()) {
      if (e.suspectedInjection()) {
        objects = objects == null ? objects(write) : objects;
        if (InjectionDetector.asksFor(e.text(), write.requested(), objects)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The write's target and namespace, those it names. */
  private static List<String> objects(ProposedWrite write) {
    String target = write.target();
    String namespace = write.namespace();
    if (target == null) {
      return namespace == null ? List.of() : List.of(namespace);
    }
    return namespace == null ? List.of(target) : List.of(target, namespace);
  }
}
