package io.backstop.safety.facts;

import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RevisionHealth;
import io.backstop.events.signal.RolloutHistory;
import io.backstop.safety.config.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Facts from the target's rollout history: is the current revision a suspect deploy, is it inside
 * the unhealthy streak that began with the grounded bad deploy, and did the rollback target run
 * healthy. Absent data (no onset, no history, no health) always reads as the unsafe answer.
 */
final class DeployFacts {

  /** Clocks (metrics, the API server) disagree by this much without anyone acting. */
  private static final Duration CLOCK_SLACK = Duration.ofMinutes(2);

  private DeployFacts() {}

  /**
   * The rollout still under way, described ("revision 5 runs 2 of its pods, all ready; revision 4
   * still runs 2"), or "": the current revision, not judged UNHEALTHY, runs pods that are all ready
   * while an older revision still runs some. Unknown pod counts (not read) say nothing.
   */
  static String rolloutUnderWay(Optional<RolloutHistory> history, Optional<Revision> current) {
    if (history.isEmpty() || current.isEmpty()) {
      return "";
    }
    Revision c = current.get();
    if (c.pods() == null
        || c.health() == RevisionHealth.UNHEALTHY
        || c.pods().desired() == 0
        || c.pods().ready() < c.pods().desired()) {
      return "";
    }
    StringBuilder older = new StringBuilder();
    for (Revision r : history.get().revisions()) {
      if (r != c && r.pods() != null && r.pods().desired() > 0) {
        older
            .append(older.isEmpty() ? "" : ", ")
            .append("revision ")
            .append(r.revision())
            .append(" still runs ")
            .append(r.pods().desired());
      }
    }
    return older.isEmpty()
        ? ""
        : "revision "
            + c.revision()
            + " runs "
            + c.pods().desired()
            + " of its pods, all ready; "
            + older;
  }

  static void contribute(Subject subject, Settings settings, Map<String, Object> facts) {
    Duration suspectWindow = settings.suspectDeployWindow();
    Optional<RolloutHistory> history = subject.history(subject.target());
    Optional<Revision> current = history.flatMap(RolloutHistory::current);
    Instant onset = subject.signals().anomalyOnset();
    Optional<Revision> bad = subject.badDeploy();
    boolean inStreak = history.isPresent() && inBadStreak(history.get(), bad, current);
    facts.put("deploy.hasCurrent", current.isPresent());
    facts.put("deploy.currentRevision", current.map(Revision::revision).orElse(-1L));
    facts.put("deploy.onsetKnown", onset != null);
    facts.put(
        "deploy.onsetAfterCurrentDeploy",
        onset != null && current.map(c -> !onset.isBefore(c.deployedAt())).orElse(false));
    facts.put(
        "deploy.changeInFlight",
        onset != null
            && current
                .map(
                    c ->
                        c.deployedAt().isAfter(onset.plus(CLOCK_SLACK))
                            && c.health() != RevisionHealth.UNHEALTHY)
                .orElse(false));
    facts.put("deploy.rolloutUnderWay", rolloutUnderWay(history, current));
    facts.put(
        "deploy.currentIsSuspect",
        inStreak || current.map(c -> suspect(c, onset, suspectWindow)).orElse(true));
    facts.put("rollback.currentInBadStreak", inStreak);
    facts.put(
        "rollback.onsetAfterBadDeploy",
        onset != null && bad.map(b -> !onset.isBefore(b.deployedAt())).orElse(false));
    facts.put(
        "rollback.onsetSoonAfterBadDeploy",
        onset != null
            && bad.map(
                    b ->
                        !onset.isBefore(b.deployedAt())
                            && !onset.isAfter(b.deployedAt().plus(settings.maxOnsetDelay())))
                .orElse(false));
    facts.put(
        "deploy.healthWindow",
        subject.signals().gathering() == null
            ? "(not recorded)"
            : subject.signals().gathering().healthWindow().toString());
    RollbackTarget.contribute(subject, history, bad, facts);
  }

  /** Unknown onset: cannot rule the deploy out. Otherwise deployed within the window before it. */
  static boolean suspect(Revision current, Instant onset, Duration window) {
    if (onset == null) {
      return true;
    }
    Instant deployed = current.deployedAt();
    return !deployed.isAfter(onset) && !deployed.isBefore(onset.minus(window));
  }

  private static boolean inBadStreak(
      RolloutHistory history, Optional<Revision> bad, Optional<Revision> current) {
    if (bad.isEmpty() || current.isEmpty() || bad.get().health() == RevisionHealth.HEALTHY) {
      return false;
    }
    long first = bad.get().revision();
    long last = current.get().revision();
    if (first > last) {
      return false;
    }
    for (Revision r : history.revisions()) {
      if (r.revision() > first && r.revision() <= last && r.health() == RevisionHealth.HEALTHY) {
        return false;
      }
    }
    return true;
  }
}
