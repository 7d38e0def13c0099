package io.backstop.safety.facts;

import io.backstop.events.id.EvidenceId;
import io.backstop.events.signal.Evidence;
import io.backstop.events.signal.Workload;
import java.util.Map;
import java.util.Optional;

/**
 * Facts about the evidence a diagnosis cites: exists, concerns the suspect, was not an injection.
 */
final class CitationFacts {

  private CitationFacts() {}

  static void contribute(Subject subject, Map<String, Object> facts) {
    Optional<Workload> suspect = subject.suspect();
    long unknown = 0;
    long offTarget = 0;
    long injected = 0;
    long supporting = 0;
    for (String cited : subject.diagnosis().citedEvidence()) {
      Optional<Evidence> item = EvidenceId.parse(cited).flatMap(subject.signals()::evidence);
      if (item.isEmpty()) {
        unknown++;
        continue;
      }
      boolean onTarget = subject.concerns(item.get().workload(), suspect);
      boolean injection = item.get().suspectedInjection();
      offTarget += onTarget ? 0 : 1;
      injected += injection ? 1 : 0;
      supporting += onTarget && !injection ? 1 : 0;
    }
    facts.put("citations.count", (long) subject.diagnosis().citedEvidence().size());
    facts.put("citations.supporting", supporting);
    facts.put("citations.unknown", unknown);
    facts.put("citations.offTarget", offTarget);
    facts.put("citations.injected", injected);
  }
}
