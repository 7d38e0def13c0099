package io.backstop.safety.facts;

import io.backstop.events.SignalsGathered;
import io.backstop.events.signal.RelatedWorkload;
import io.backstop.events.signal.Relation;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.safety.config.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Workloads that began failing together with the action's target although nothing links them to it
 * and none of them was deployed: the signature of a shared cause (an upstream outage, a network or
 * DNS fault, a shared database) rather than of the target's own deploy. Safety rationale: a deploy
 * of the target cannot break workloads that neither call it nor run its build; when two or more
 * such peers failed in the same minutes, the deploy is a coincidence and rolling it back is no fix.
 * A peer whose rollout history triage did not gather counts as undeployed (the answer that stops
 * the rollback), so a missing read never makes the rollback look better grounded.
 */
final class CommonCauseFacts {

  /** How close two onsets must be to count as "the same minutes" (metric steps are 30-60 s). */
  static final Duration TOGETHER = Duration.ofMinutes(2);

  private CommonCauseFacts() {}

  static void contribute(Subject subject, Settings settings, Map<String, Object> facts) {
    facts.put("rollback.commonCausePeers", peers(subject, settings));
  }

  /**
   * The unlinked workloads that began failing within {@link #TOGETHER} of the target's onset and
   * had no deploy in {@code restart.suspectDeployWindow} before their own onset, by name.
   */
  static List<String> peers(Subject subject, Settings settings) {
    if (subject.target().isEmpty()) {
      return List.of();
    }
    SignalsGathered signals = subject.signals();
    WorkloadRef target = subject.target().get().ref();
    Optional<Instant> targetOnset = onset(signals, target);
    if (targetOnset.isEmpty()) {
      return List.of();
    }
    List<String> peers = new ArrayList<>();
    for (WorkloadRef peer : unlinkedPeers(signals, target)) {
      Optional<Instant> peerOnset = onset(signals, peer);
      if (peerOnset.isPresent()
          && together(peerOnset.get(), targetOnset.get())
          && !deployedShortlyBefore(signals, peer, peerOnset.get(), settings)) {
        peers.add(peer.name());
      }
    }
    return List.copyOf(peers);
  }

  /**
   * The workloads that triage found anomalous in the alerted workload's namespace without any link
   * to it (dependency, dependent, node, release), plus the alerted workload itself when the target
   * is such an unlinked neighbour; never the target.
   */
  private static Set<WorkloadRef> unlinkedPeers(SignalsGathered signals, WorkloadRef target) {
    List<RelatedWorkload> related = signals.findings().related();
    Set<WorkloadRef> unlinked = null; // made once there is an anomalous neighbour
    boolean targetIsUnlinked = false;
    for (RelatedWorkload r : related) {
      if (r.relation() == Relation.ANOMALOUS_NEIGHBOUR) {
        unlinked = unlinked == null ? new LinkedHashSet<>() : unlinked;
        unlinked.add(r.workload());
        targetIsUnlinked |= same(r.workload(), target);
      }
    }
    if (unlinked == null) {
      return Set.of(); // the usual case: no anomalous neighbour, so no peer either way
    }
    boolean targetIsAlerted = same(target, signals.target());
    if (!targetIsAlerted && !targetIsUnlinked) {
      return Set.of();
    }
    if (targetIsUnlinked) {
      unlinked.add(signals.target());
    }
    unlinked.removeIf(w -> same(w, target));
    return unlinked;
  }

  /** The earliest symptom onset of a workload; the incident's onset for the alerted workload. */
  private static Optional<Instant> onset(SignalsGathered signals, WorkloadRef workload) {
    Instant earliest = null;
    for (Symptom s : signals.symptoms()) {
      if (same(s.workload(), workload)
          && s.since() != null
          && (earliest == null || s.since().isBefore(earliest))) {
        earliest = s.since();
      }
    }
    if (earliest == null && same(workload, signals.target())) {
      return Optional.ofNullable(signals.anomalyOnset());
    }
    return Optional.ofNullable(earliest);
  }

  private static boolean together(Instant a, Instant b) {
    return Duration.between(a, b).abs().compareTo(TOGETHER) <= 0;
  }

  private static boolean deployedShortlyBefore(
      SignalsGathered signals, WorkloadRef workload, Instant onset, Settings settings) {
    Instant earliest = onset.minus(settings.suspectDeployWindow());
    return signals.rollout(workload).stream()
        .flatMap(h -> h.revisions().stream())
        .map(Revision::deployedAt)
        .anyMatch(at -> !at.isAfter(onset) && !at.isBefore(earliest));
  }

  private static boolean same(WorkloadRef a, WorkloadRef b) {
    return a != null
        && b != null
        && a.namespace().equals(b.namespace())
        && a.name().equals(b.name());
  }
}
