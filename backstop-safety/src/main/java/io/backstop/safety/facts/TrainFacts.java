package io.backstop.safety.facts;

import io.backstop.events.signal.ReleaseTrain;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RevisionHealth;
import io.backstop.events.signal.RolloutHistory;
import io.backstop.events.signal.Workload;
import io.backstop.events.signal.WorkloadRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the Deployment the action writes is one leg of a release train (one build that is the
 * current revision of several Deployments), every Deployment on it, and the rollback a human would
 * make of each. Safety rationale: rolling back one leg of a coordinated release leaves the others
 * on a build the rolled-back one no longer speaks to; the default is to hand the whole train to a
 * human with the suggested rollbacks listed.
 */
final class TrainFacts {

  private TrainFacts() {}

  static void contribute(Subject subject, Map<String, Object> facts) {
    Optional<WorkloadRef> target = subject.target().map(Workload::ref);
    List<ReleaseTrain> trains =
        target.map(t -> subject.signals().findings().trainsOf(t)).orElse(List.of());
    if (trains.isEmpty()) {
      // the usual case: the target rides no release train
      facts.put("rollback.releaseTrain", List.of());
      facts.put("rollback.trainSuggestions", List.of());
      return;
    }
    List<WorkloadRef> legs =
        trains.stream().flatMap(t -> t.deployments().stream()).distinct().sorted(ORDER).toList();
    facts.put("rollback.releaseTrain", legs.stream().map(TrainFacts::name).toList());
    facts.put(
        "rollback.trainSuggestions",
        legs.stream().map(leg -> suggestion(subject, leg, trains)).toList());
  }

  private static final java.util.Comparator<WorkloadRef> ORDER =
      java.util.Comparator.comparing(WorkloadRef::namespace).thenComparing(WorkloadRef::name);

  /** "shop/cart to revision 4 (SHA 1a2b3c4)", or why none can be suggested. */
  private static String suggestion(Subject subject, WorkloadRef leg, List<ReleaseTrain> trains) {
    Optional<RolloutHistory> history = subject.signals().rollout(leg);
    if (history.isEmpty()) {
      return name(leg) + ": no rollout history gathered";
    }
    Optional<Revision> firstOnTrain =
        history.get().revisions().stream()
            .filter(r -> trains.stream().anyMatch(t -> onBuild(r, t.build())))
            .findFirst();
    long before = firstOnTrain.map(Revision::revision).orElse(Long.MAX_VALUE);
    return history.get().revisions().stream()
        .filter(r -> r.revision() < before && r.health() == RevisionHealth.HEALTHY)
        .reduce((a, b) -> b)
        .map(r -> name(leg) + " to revision " + r.revision() + label(r))
        .orElse(name(leg) + ": no earlier revision ran HEALTHY");
  }

  private static boolean onBuild(Revision r, String build) {
    String b = build.toLowerCase(java.util.Locale.ROOT);
    return (r.gitSha() != null && r.gitSha().toLowerCase(java.util.Locale.ROOT).startsWith(b))
        || r.image().endsWith(":" + build);
  }

  private static String label(Revision r) {
    if (r.ownsSha()) {
      return " (SHA " + r.gitSha().substring(0, Math.min(12, r.gitSha().length())) + ")";
    }
    return r.podTemplateHash() == null ? "" : " (pod-template hash " + r.podTemplateHash() + ")";
  }

  private static String name(WorkloadRef ref) {
    return ref.namespace() + "/" + ref.name();
  }
}
