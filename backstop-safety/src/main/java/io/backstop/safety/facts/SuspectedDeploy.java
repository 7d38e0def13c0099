package io.backstop.safety.facts;

import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RevisionHealth;
import io.backstop.events.signal.RolloutHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The revision a diagnosis names as the bad deploy ({@code suspectedDeploySha}). It is named by a
 * SHA (full, or a 7+ prefix naming exactly one SHA of the history) or by its pod-template hash (the
 * one name every revision has, and the only one a config-only revision has). A build can run as
 * several revisions: its own, then config-only ones that inherit its SHA, and again later when a
 * pipeline redeploys a build that was rolled back. Its SHA names the latest run of it (the last
 * revisions in a row that carry it), and in that run the first revision that did not run HEALTHY,
 * which is where the deploy went bad; when all of that run did, its latest (which the rules then
 * refuse as not bad). Safety rationale: a text that could be read both as a SHA prefix and as a
 * template hash names nothing (ambiguous), and an inherited SHA never makes two revisions
 * ambiguous, because it names the build, not a revision.
 */
final class SuspectedDeploy {

  /** What the text names: at most one revision, and whether it was ambiguous. */
  record Named(Optional<Revision> revision, boolean ambiguous) {
    static final Named NOTHING = new Named(Optional.empty(), false);
  }

  private SuspectedDeploy() {}

  static Named in(Optional<RolloutHistory> history, String raw) {
    if (raw == null || raw.isBlank() || history.isEmpty()) {
      return Named.NOTHING;
    }
    List<Revision> bySha =
        ShaMatch.normalise(raw).map(s -> ShaMatch.matches(history.get(), s)).orElse(List.of());
    String hash = raw.strip();
    List<Revision> byHash = new ArrayList<>(1);
    for (Revision r : history.get().revisions()) {
      if (hash.equals(r.podTemplateHash())) {
        byHash.add(r);
      }
    }
    if (!bySha.isEmpty() && !byHash.isEmpty() || ShaMatch.ambiguous(bySha) || byHash.size() > 1) {
      return new Named(Optional.empty(), true);
    }
    if (!bySha.isEmpty()) {
      List<Revision> run = latestRun(history.get().revisions(), bySha);
      return new Named(Optional.of(firstUnhealthyOrLast(run)), false);
    }
    return new Named(byHash.isEmpty() ? Optional.empty() : Optional.of(byHash.get(0)), false);
  }

  /** The first revision of the run that did not run HEALTHY, else the run's last. */
  private static Revision firstUnhealthyOrLast(List<Revision> run) {
    for (Revision r : run) {
      if (r.health() != RevisionHealth.HEALTHY) {
        return r;
      }
    }
    return run.get(run.size() - 1);
  }

  /** The last revisions in a row of the history that are all among {@code matches}, in order. */
  private static List<Revision> latestRun(List<Revision> revisions, List<Revision> matches) {
    int end = revisions.size() - 1;
    while (end >= 0 && !matches.contains(revisions.get(end))) {
      end--;
    }
    int start = end;
    while (start > 0 && matches.contains(revisions.get(start - 1))) {
      start--;
    }
    return List.copyOf(revisions.subList(start, end + 1));
  }
}
