package io.backstop.safety.facts;

import io.backstop.events.signal.ConfigChange;
import io.backstop.events.signal.SymptomKind;
import io.backstop.events.signal.Workload;
import java.util.List;
import java.util.Map;

/**
 * What a restart would fix. A restart re-reads what the pods hold: it fixes a Secret or ConfigMap
 * that changed after the pods started (they still hold the old value), a leak, a wedged pool. It
 * fixes nothing for a victim of node memory pressure (the new pods land on the same starved node,
 * and the neighbour that starves it goes on), nor for a credential that is still failing. Safety
 * rationale: "the pods read config" is a cause only when the config changed after they started.
 */
final class RestartFacts {

  private RestartFacts() {}

  static void contribute(Subject subject, Map<String, Object> facts) {
    List<String> changed =
        subject
            .target()
            .map(Workload::ref)
            .map(ref -> subject.signals().findings().configChangesOf(ref))
            .orElse(List.of())
            .stream()
            .filter(ConfigChange::podsPredateChange)
            .map(RestartFacts::describe)
            .toList();
    facts.put("restart.configChangedAfterStart", changed);
    facts.put(
        "restart.nodePressureVictim",
        SymptomFacts.kinds(subject, subject.target()).contains(SymptomKind.NODE_MEMORY_PRESSURE));
  }

  private static String describe(ConfigChange c) {
    return c.kind()
        + " "
        + c.name()
        + " changed at "
        + c.changedAt()
        + ", pods started from "
        + c.oldestPodStart();
  }
}
