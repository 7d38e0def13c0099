package io.backstop.safety.facts;

import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.signal.Autoscaler;
import io.backstop.events.signal.ReplicaChange;
import io.backstop.events.signal.RevisionHealth;
import io.backstop.events.signal.RolloutHistory;
import io.backstop.events.signal.SymptomKind;
import io.backstop.events.signal.Workload;
import io.backstop.safety.config.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a scale would do and which cause it answers. Three causes justify one: saturation (more
 * replicas, never fewer); a recent replica change that was not Backstop's (a scale to zero, a
 * mistyped {@code kubectl scale}) followed by the anomaly, answered by restoring the value it ran
 * with before that change; and more than one replica of a singleton or of a ReadWriteOnce volume's
 * user, answered by scaling down to one. Safety rationale: each cause admits only the direction and
 * the value that undo it, so "scale" is never a guess. And none of them holds when a
 * HorizontalPodAutoscaler owns the replica count: it puts any other count back at its next sync
 * (and never keeps one beyond its maximum), so the write would be undone within seconds.
 */
final class ScaleFacts {

  /** A replica change this long after the onset still counts as what came before it. */
  private static final Duration CLOCK_SLACK = Duration.ofMinutes(5);

  private ScaleFacts() {}

  static void contribute(Subject subject, Settings settings, Map<String, Object> facts) {
    ProposedWrite write = subject.write();
    boolean scale = write.type().equals(Optional.of(ActionType.SCALE));
    Optional<Workload> target = subject.target();
    int desired = target.map(Workload::desiredReplicas).orElse(-1);
    Integer replicas = write.replicas();
    List<SymptomKind> symptoms = SymptomFacts.kinds(subject, target);
    long restoreTo = restoreTo(subject, settings).map(c -> (long) c.from()).orElse(-1L);
    boolean known = scale && replicas != null && desired >= 0;
    facts.put("scale.direction", known ? direction(replicas, desired) : "");
    facts.put("scale.restoreTo", restoreTo);
    facts.put(
        "scale.saturationUp",
        known
            && symptoms.contains(SymptomKind.SATURATION)
            && replicas > desired
            && !saturatedByRelease(subject, target, settings)
            && CallerFacts.callerReleaseSuspect(subject, settings).isEmpty());
    facts.put("scale.restoresExternalChange", known && restoreTo >= 1 && replicas == restoreTo);
    // the running pods a scale-down stops (Pending ones never served); -1 for any other write
    facts.put(
        "scale.readyStopped",
        known && replicas < desired
            ? (long) Math.max(0, target.get().readyReplicas() - replicas)
            : -1L);
    facts.put("scale.crashLoopFollowsSaturation", crashLoopFollowsSaturation(subject, target));
    facts.put(
        "scale.fixesConflict",
        known
            && (target.get().singleton() || symptoms.contains(SymptomKind.VOLUME_CONFLICT))
            && replicas == 1
            && desired > 1);
    List<Autoscaler> hpas =
        target.map(t -> subject.signals().findings().autoscalersOf(t.ref())).orElse(List.of());
    facts.put("scale.autoscaler", autoscaler(hpas, symptoms));
    facts.put(
        "scale.beyondAutoscalerMax",
        scale && replicas != null && hpas.stream().anyMatch(h -> replicas > h.maxReplicas()));
  }

  /**
   * The saturation began within the suspect window after the current revision rolled out, and
   * triage judged that revision unhealthy: a release that costs more CPU per request (a lower CPU
   * limit, a slower code path) saturates the same replicas under the same traffic. More replicas
   * hide the regression, spend the incident's one write, and keep the bad release; the rollback (or
   * a person) answers it. A healthy or older current revision leaves saturation to be what it looks
   * like: load.
   */
  private static boolean saturatedByRelease(
      Subject subject, Optional<Workload> target, Settings settings) {
    Optional<Instant> saturated = earliest(subject, target, SymptomKind.SATURATION);
    Instant onset = saturated.orElse(subject.signals().anomalyOnset());
    return subject
        .history(target)
        .flatMap(RolloutHistory::current)
        .filter(c -> c.health() == RevisionHealth.UNHEALTHY)
        .filter(c -> DeployFacts.suspect(c, onset, settings.suspectDeployWindow()))
        .isPresent();
  }

  /**
   * The target saturated before it began crash-looping: pods killed because they are overloaded (a
   * liveness probe timing out on a CPU-bound pod, the survivors taking the load and being killed in
   * turn), not pods that crash on their own. Both onsets must be known; a crash loop that came
   * first, or at the same moment, is its own problem.
   */
  private static boolean crashLoopFollowsSaturation(Subject subject, Optional<Workload> target) {
    Optional<Instant> saturated = earliest(subject, target, SymptomKind.SATURATION);
    Optional<Instant> crashing = earliest(subject, target, SymptomKind.CRASH_LOOP);
    return saturated.isPresent()
        && crashing.isPresent()
        && saturated.get().isBefore(crashing.get());
  }

  private static Optional<Instant> earliest(
      Subject subject, Optional<Workload> target, SymptomKind kind) {
    Instant earliest = null;
    for (io.backstop.events.signal.Symptom s : subject.signals().symptoms()) {
      if (s.kind() == kind
          && s.since() != null
          && subject.concerns(s.workload(), target)
          && (earliest == null || s.since().isBefore(earliest))) {
        earliest = s.since();
      }
    }
    return Optional.ofNullable(earliest);
  }

  /**
   * The HorizontalPodAutoscaler that owns the target's replica count, described ("" when none):
   * from triage's findings, else from the AUTOSCALER_AT_MAX symptom alone (an HPA is known to own
   * the count even if its record was left out).
   */
  private static String autoscaler(List<Autoscaler> hpas, List<SymptomKind> symptoms) {
    if (!hpas.isEmpty()) {
      return hpas.stream()
          .map(
              h ->
                  "HPA "
                      + h.name()
                      + " (min "
                      + h.minReplicas()
                      + ", max "
                      + h.maxReplicas()
                      + ", current "
                      + h.currentReplicas()
                      + (h.atMax() ? ", at its maximum and wanting more" : "")
                      + ")")
          .collect(java.util.stream.Collectors.joining(", "));
    }
    return symptoms.contains(SymptomKind.AUTOSCALER_AT_MAX)
        ? "an HPA at its maximum (AUTOSCALER_AT_MAX)"
        : "";
  }

  private static String direction(int replicas, int desired) {
    return replicas > desired ? "UP" : replicas < desired ? "DOWN" : "SAME";
  }

  /**
   * The first of the recent replica changes not made by Backstop, when the anomaly followed it: its
   * {@code from} is the value the workload last ran with before people changed it.
   */
  private static Optional<ReplicaChange> restoreTo(Subject subject, Settings settings) {
    Optional<Workload> target = subject.target();
    if (target.isEmpty()) {
      return Optional.empty();
    }
    Instant reference =
        subject.signals().anomalyOnset() != null
            ? subject.signals().anomalyOnset()
            : subject.signals().header().occurredAt();
    Instant earliest = reference.minus(settings.maxOnsetDelay());
    Instant latest = reference.plus(CLOCK_SLACK);
    List<ReplicaChange> changes = subject.signals().findings().replicaChangesOf(target.get().ref());
    if (changes.isEmpty()) {
      return Optional.empty(); // the usual case: nobody changed the replicas
    }
    List<ReplicaChange> recent =
        changes.stream()
            .filter(c -> !c.at().isBefore(earliest) && !c.at().isAfter(latest))
            .sorted(Comparator.comparing(ReplicaChange::at))
            .toList();
    if (recent.isEmpty() || recent.stream().anyMatch(ReplicaChange::byBackstop)) {
      return Optional.empty();
    }
    return Optional.of(recent.get(0));
  }
}
