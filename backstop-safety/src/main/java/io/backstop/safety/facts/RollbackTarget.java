package io.backstop.safety.facts;

import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RevisionHealth;
import io.backstop.events.signal.RolloutHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Facts about the revision a rollback goes to: in the history, not current, the SHA agrees with the
 * revision number, older than the bad deploy, and ran healthy (HEALTHY, or UNKNOWN with an active
 * window that ended by the onset and lasted long enough).
 */
final class RollbackTarget {

  private RollbackTarget() {}

  static void contribute(
      Subject subject,
      Optional<RolloutHistory> history,
      Optional<Revision> bad,
      Instant onset,
      Duration minHealthy,
      Map<String, Object> facts) {
    Long number = subject.write().revision();
    Optional<Revision> target =
        number == null ? Optional.empty() : history.flatMap(h -> h.revision(number));
    facts.put("rollback.targetInHistory", target.isPresent());
    facts.put("rollback.targetIsCurrent", target.map(Revision::current).orElse(false));
    facts.put("rollback.targetShaMatches", target.map(t -> shaMatches(t, subject)).orElse(false));
    facts.put(
        "rollback.targetBeforeBadDeploy",
        target.isPresent() && bad.isPresent() && target.get().revision() < bad.get().revision());
    facts.put(
        "rollback.targetRanHealthy",
        target.isPresent()
            && history.isPresent()
            && ranHealthy(history.get(), target.get(), onset, minHealthy));
  }

  private static boolean shaMatches(Revision target, Subject subject) {
    return target.gitSha() != null
        && ShaMatch.normalise(subject.write().sha())
            .map(sha -> target.gitSha().toLowerCase(Locale.ROOT).startsWith(sha))
            .orElse(false);
  }

  private static boolean ranHealthy(
      RolloutHistory history, Revision target, Instant onset, Duration minHealthy) {
    if (target.health() == RevisionHealth.HEALTHY) {
      return true;
    }
    if (target.health() != RevisionHealth.UNKNOWN || onset == null) {
      return false;
    }
    Optional<Instant> ended =
        history.revisions().stream()
            .filter(r -> r.revision() > target.revision())
            .map(Revision::deployedAt)
            .findFirst();
    return ended.isPresent()
        && !ended.get().isAfter(onset)
        && Duration.between(target.deployedAt(), ended.get()).compareTo(minHealthy) >= 0;
  }
}
