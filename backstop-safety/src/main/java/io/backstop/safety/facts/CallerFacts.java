package io.backstop.safety.facts;

import io.backstop.events.SignalsGathered;
import io.backstop.events.signal.RelatedWorkload;
import io.backstop.events.signal.Relation;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RevisionHealth;
import io.backstop.events.signal.RolloutHistory;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.SymptomKind;
import io.backstop.events.signal.Workload;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.safety.config.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A caller's release as the cause of a chain. A release that changes how a workload calls another
 * (retries with no back-off, a fan-out, a new hot path) overloads the one it calls, whose latency
 * then fails the caller: triage sees the callee saturated and the caller as its victim
 * (DEPENDENCY_FAILURE). Two facts answer it by timing, both on releases triage judged UNHEALTHY and
 * rolled out within the suspect window before the failure began:
 *
 * <ul>
 *   <li>{@code scale.callerReleaseSuspect}: the scale target is the alerted workload, and a
 *       workload that depends on it (a DEPENDENT) released so before its saturation began. More
 *       replicas feed the storm and hide its cause; the caller's rollback (or a person) answers it.
 *   <li>{@code victim.ownReleaseFirst}: the write target shows DEPENDENCY_FAILURE, yet its own
 *       release came so before the failure of the workload it depends on, and that workload had no
 *       release of its own in the window (its history gathered, so that is known): the "victim" is
 *       the cause, and its rollback is the fix.
 * </ul>
 */
final class CallerFacts {

  private CallerFacts() {}

  static void contribute(Subject subject, Settings settings, Map<String, Object> facts) {
    facts.put("scale.callerReleaseSuspect", callerReleaseSuspect(subject, settings));
    facts.put("victim.ownReleaseFirst", ownReleaseFirst(subject, settings));
  }

  /** The callers of the alerted workload that released just before its saturation, described. */
  static String callerReleaseSuspect(Subject subject, Settings settings) {
    SignalsGathered signals = subject.signals();
    Optional<Workload> target = subject.target();
    if (target.isEmpty() || !same(target.get().ref(), signals.target())) {
      return "";
    }
    Optional<Instant> saturated = earliest(signals, target.get().ref(), SymptomKind.SATURATION);
    if (saturated.isEmpty()) {
      return "";
    }
    List<String> callers = new ArrayList<>();
    for (RelatedWorkload r : signals.findings().related()) {
      if (r.relation() == Relation.DEPENDENT) {
        unhealthyRelease(signals, r.workload(), saturated.get(), settings.suspectDeployWindow())
            .ifPresent(
                rev ->
                    callers.add(
                        r.workload().name()
                            + " revision "
                            + rev.revision()
                            + " rolled out at "
                            + rev.deployedAt()));
      }
    }
    return String.join(", ", callers);
  }

  static boolean ownReleaseFirst(Subject subject, Settings settings) {
    SignalsGathered signals = subject.signals();
    Optional<Workload> target = subject.target();
    if (target.isEmpty()
        || !SymptomFacts.kinds(subject, target).contains(SymptomKind.DEPENDENCY_FAILURE)) {
      return false;
    }
    WorkloadRef self = target.get().ref();
    List<WorkloadRef> failing = new ArrayList<>();
    for (WorkloadRef dependency : dependenciesOf(signals, self)) {
      if (earliestFailure(signals, dependency).isPresent()) {
        failing.add(dependency);
      }
    }
    if (failing.isEmpty()) {
      return false;
    }
    Duration window = settings.suspectDeployWindow();
    for (WorkloadRef dependency : failing) {
      Instant began = earliestFailure(signals, dependency).orElseThrow();
      boolean ownFirst = unhealthyRelease(signals, self, began, window).isPresent();
      // a dependency whose history triage did not gather may have released too: not cleared
      boolean theirs =
          signals
              .rollout(dependency)
              .flatMap(RolloutHistory::current)
              .map(c -> DeployFacts.suspect(c, began, window))
              .orElse(true);
      if (!ownFirst || theirs) {
        return false;
      }
    }
    return true;
  }

  /**
   * The workloads {@code self} depends on, as triage related them to the alerted workload: the
   * alerted workload itself when {@code self} is one of its DEPENDENTs, or its DEPENDENCYs when
   * {@code self} is the alerted workload.
   */
  private static List<WorkloadRef> dependenciesOf(SignalsGathered signals, WorkloadRef self) {
    List<WorkloadRef> out = new ArrayList<>();
    for (RelatedWorkload r : signals.findings().related()) {
      if (same(self, signals.target()) && r.relation() == Relation.DEPENDENCY) {
        out.add(r.workload());
      } else if (same(r.workload(), self) && r.relation() == Relation.DEPENDENT) {
        out.add(signals.target());
      }
    }
    return out;
  }

  /** A current revision judged UNHEALTHY, rolled out within the window before {@code began}. */
  private static Optional<Revision> unhealthyRelease(
      SignalsGathered signals, WorkloadRef workload, Instant began, Duration window) {
    return signals
        .rollout(workload)
        .flatMap(RolloutHistory::current)
        .filter(c -> c.health() == RevisionHealth.UNHEALTHY)
        .filter(c -> DeployFacts.suspect(c, began, window));
  }

  /** When the workload's earliest symptom other than DEPENDENCY_FAILURE began. */
  private static Optional<Instant> earliestFailure(SignalsGathered signals, WorkloadRef workload) {
    Instant earliest = null;
    for (Symptom s : signals.symptoms()) {
      if (same(s.workload(), workload)
          && s.kind() != SymptomKind.DEPENDENCY_FAILURE
          && s.since() != null
          && (earliest == null || s.since().isBefore(earliest))) {
        earliest = s.since();
      }
    }
    return Optional.ofNullable(earliest);
  }

  private static Optional<Instant> earliest(
      SignalsGathered signals, WorkloadRef workload, SymptomKind kind) {
    Instant earliest = null;
    for (Symptom s : signals.symptoms()) {
      if (s.kind() == kind
          && same(s.workload(), workload)
          && s.since() != null
          && (earliest == null || s.since().isBefore(earliest))) {
        earliest = s.since();
      }
    }
    return Optional.ofNullable(earliest);
  }

  private static boolean same(WorkloadRef a, WorkloadRef b) {
    return a != null
        && b != null
        && a.namespace().equals(b.namespace())
        && a.name().equals(b.name());
  }
}
