package io.backstop.safety.facts;

import io.backstop.events.signal.ConfigChange;
import io.backstop.events.signal.NodeReport;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RevisionHealth;
import io.backstop.events.signal.RolloutHistory;
import io.backstop.events.signal.SymptomKind;
import io.backstop.events.signal.Workload;
import io.backstop.safety.config.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a restart would fix. A restart re-reads what the pods hold: it fixes a Secret or ConfigMap
 * that changed after the pods started and that they read only at start (env, envFrom, a subPath
 * mount; or a volume mounted whole that changed long before the onset, its content held in memory),
 * a leak, a wedged pool. A volume mounted whole that changed shortly before the onset is no stale
 * state: the kubelet showed the pods the change, which is then a suspect a restart re-reads. It
 * fixes nothing for a victim of node pressure, memory or disk (the new pods land on the same
 * starved node, and whatever exhausts it goes on), nor for a credential that is still failing.
 * Safety rationale: "the pods read config" is a cause only when the config changed after they
 * started.
 */
final class RestartFacts {

  /** Symptoms a state the pods fell into shows: a restart clears it, whatever release runs. */
  private static final Set<SymptomKind> STATE =
      EnumSet.of(SymptomKind.WEDGED_PODS, SymptomKind.STALE_CREDENTIAL, SymptomKind.CONFIG_CHANGED);

  /** Symptoms that grow with time under a release: a healthy first half hour does not clear it. */
  private static final Set<SymptomKind> GRADUAL =
      EnumSet.of(
          SymptomKind.MEMORY_GROWTH,
          SymptomKind.OOM_KILLED,
          SymptomKind.EPHEMERAL_STORAGE,
          SymptomKind.CRASH_LOOP);

  private RestartFacts() {}

  static void contribute(Subject subject, Settings settings, Map<String, Object> facts) {
    List<ConfigChange> changes =
        subject
            .target()
            .map(Workload::ref)
            .map(ref -> subject.signals().findings().configChangesOf(ref))
            .orElse(List.of());
    Instant onset = subject.signals().anomalyOnset();
    Duration window = settings.suspectDeployWindow();
    if (changes.isEmpty()) {
      // the usual case: no changed Secret or ConfigMap, nothing to filter
      facts.put("restart.configChangedAfterStart", List.of());
      facts.put("restart.configChangedLive", List.of());
    } else {
      boolean crashLooping =
          SymptomFacts.kinds(subject, subject.target()).contains(SymptomKind.CRASH_LOOP);
      configChanges(changes, onset, window, crashLooping, facts);
    }
    facts.put("restart.stateAfterHealthyRelease", stateAfterHealthyRelease(subject));
    facts.put("restart.nodePressureVictim", nodePressureVictim(subject));
    facts.put("restart.nodeFaults", nodeFaults(subject));
  }

  /**
   * The nodes hosting the target's pods when every one of them reports a fault of its own
   * (node-problem-detector's KernelDeadlock for tasks hung on a storage mount that stopped
   * answering, ReadonlyFilesystem, ...), described; "" when any of them is sound or none is known.
   * Pods there are stuck where the node is: old ones hang terminating, new ones land on the same
   * nodes or hang mounting the same storage.
   */
  private static String nodeFaults(Subject subject) {
    if (subject.target().isEmpty()) {
      return "";
    }
    var ref = subject.target().get().ref();
    List<String> faulty = new java.util.ArrayList<>();
    for (var node : subject.signals().findings().nodes()) {
      if (!node.workloads().contains(ref)) {
        continue;
      }
      if (!node.faulty()) {
        return "";
      }
      faulty.add(node.name() + " " + node.problems());
    }
    return String.join(", ", faulty);
  }

  /**
   * Pods OOM-killed or evicted by their node's memory pressure, or evicted for ephemeral storage
   * while a node that hosts them is under DiskPressure (the node's disk is full: images, other
   * pods' logs), or crash-looping on a node out of process ids (PIDPressure: no container there can
   * start a thread, whichever pod exhausted them). Either way the cause is the node: new pods land
   * on the same starved nodes, and evicted pods are replaced by their ReplicaSet without any write.
   */
  private static boolean nodePressureVictim(Subject subject) {
    List<SymptomKind> kinds = SymptomFacts.kinds(subject, subject.target());
    if (kinds.contains(SymptomKind.NODE_MEMORY_PRESSURE)) {
      return true;
    }
    if (kinds.contains(SymptomKind.CRASH_LOOP) && subject.target().isPresent()) {
      var crashing = subject.target().get().ref();
      for (NodeReport n : subject.signals().findings().nodes()) {
        if (n.underPidPressure() && n.workloads().contains(crashing)) {
          return true;
        }
      }
    }
    if (!kinds.contains(SymptomKind.EPHEMERAL_STORAGE) || subject.target().isEmpty()) {
      return false;
    }
    var ref = subject.target().get().ref();
    for (NodeReport n : subject.signals().findings().nodes()) {
      if (n.underDiskPressure() && n.workloads().contains(ref)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code crashLooping}: the target's containers crash and restart. Each container start reads env
   * and envFrom again, so a change referenced only that way is already in the crashing containers:
   * the new value is what fails (a suspect), not stale state a restart would refresh.
   */
  private static void configChanges(
      List<ConfigChange> changes,
      Instant onset,
      Duration window,
      boolean crashLooping,
      Map<String, Object> facts) {
    facts.put(
        "restart.configChangedAfterStart",
        changes.stream()
            .filter(ConfigChange::podsPredateChange)
            .filter(c -> c.heldUntilRestart() || (c.seenLive() && !liveSuspect(c, onset, window)))
            .filter(c -> !(crashLooping && readAtEveryContainerStart(c)))
            .map(RestartFacts::describe)
            .toList());
    facts.put(
        "restart.configChangedLive",
        changes.stream()
            .filter(ConfigChange::seenLive)
            .filter(c -> liveSuspect(c, onset, window))
            .map(RestartFacts::describeLive)
            .toList());
  }

  private static boolean readAtEveryContainerStart(ConfigChange c) {
    return c.referencedAs().stream()
        .allMatch(r -> r == ConfigChange.Reference.ENV || r == ConfigChange.Reference.ENV_FROM);
  }

  /**
   * A change the pods see live (a volume mounted whole) is a suspect when it came no later than the
   * onset and within the suspect window before it, or when the onset is unknown: the kubelet put it
   * in front of the running pods, so it may be the cause, and a restart re-reads the same content.
   * One that came long before the onset ran without harm; a restart re-reads it like any other.
   */
  private static boolean liveSuspect(ConfigChange c, Instant onset, Duration window) {
    return onset == null
        || (!c.changedAt().isAfter(onset) && !c.changedAt().isBefore(onset.minus(window)));
  }

  /**
   * The pods fell into a state a restart clears (a wedged pool, a stale credential or config), and
   * the release they run is no suspect although it is recent: triage judged it HEALTHY by the one
   * health window, the whole window passed before the onset, and nothing gradual (growth, OOM, a
   * filling disk, crashes) shows. A fault that needs time to surface shows as one of those.
   */
  private static boolean stateAfterHealthyRelease(Subject subject) {
    List<SymptomKind> kinds = SymptomFacts.kinds(subject, subject.target());
    boolean state = false;
    for (SymptomKind kind : kinds) {
      if (GRADUAL.contains(kind)) {
        return false;
      }
      state |= STATE.contains(kind);
    }
    if (!state) {
      return false;
    }
    Instant onset = subject.signals().anomalyOnset();
    if (onset == null || subject.signals().gathering() == null) {
      return false;
    }
    Duration window = subject.signals().gathering().healthWindow();
    Optional<Revision> current = subject.history(subject.target()).flatMap(RolloutHistory::current);
    return current.isPresent()
        && current.get().health() == RevisionHealth.HEALTHY
        && !current.get().deployedAt().plus(window).isAfter(onset);
  }

  private static String describeLive(ConfigChange c) {
    return c.kind()
        + " "
        + c.name()
        + " (mounted whole: the pods see it live) changed at "
        + c.changedAt()
        + (c.changedBy().isEmpty() ? "" : " by " + c.changedBy());
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
