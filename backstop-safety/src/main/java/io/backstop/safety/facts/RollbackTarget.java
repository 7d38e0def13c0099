package io.backstop.safety.facts;

import io.backstop.events.signal.ConfigChange;
import io.backstop.events.signal.ConfigRef;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RevisionHealth;
import io.backstop.events.signal.RolloutHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Facts about the revision a rollback goes to: in the history, not current, named honestly (the SHA
 * is that revision's, the pod-template hash is that revision's), older than the bad deploy, and
 * HEALTHY by the one health window triage judged every revision by, and the last revision that did
 * so before the bad deploy, and whether every Secret and ConfigMap its pod template references
 * exists now. Safety rationale: a revision that crash-looped, never became ready, or whose health
 * is unknown is never a rollback target: "it ran a while before the onset" is not evidence that it
 * ran healthy. Nor is one whose config was deleted or renamed since it ran, or whose config triage
 * could not check: its pods would stop at CreateContainerConfigError, a worse outage than the one
 * being fixed.
 */
final class RollbackTarget {

  /** How long before its Deployment a release may write the objects its pods read. */
  private static final Duration CONFIG_WRITTEN_FIRST = Duration.ofMinutes(5);

  private RollbackTarget() {}

  static void contribute(
      Subject subject,
      Optional<RolloutHistory> history,
      Optional<Revision> bad,
      Map<String, Object> facts) {
    Long number = subject.write().revision();
    Optional<Revision> found =
        number == null ? Optional.empty() : history.flatMap(h -> h.revision(number));
    if (found.isEmpty()) {
      // no target revision (not a rollback, or none in the history): the same values as computed
      // from an empty history, without walking one
      facts.put("rollback.targetInHistory", false);
      facts.put("rollback.targetIsCurrent", false);
      facts.put("rollback.targetNamed", false);
      facts.put("rollback.targetBeforeBadDeploy", false);
      facts.put("rollback.targetRanHealthy", false);
      facts.put("rollback.targetIsLastHealthy", false);
      facts.put("rollback.targetMissingConfig", List.of());
      facts.put("rollback.newerMissingConfig", List.of());
      facts.put("rollback.targetUnverifiedConfig", List.of());
      facts.put("rollback.crossesMigration", List.of());
      facts.put("rollback.undoesSecurityFix", List.of());
      facts.put("rollback.configChangedSinceTarget", List.of());
      facts.put("rollback.targetHealth", "not in the history");
      return;
    }
    Revision target = found.get();
    // a target was found in the history, so there is one
    List<Revision> revisions = history.orElseThrow().revisions();
    facts.put("rollback.targetInHistory", true);
    facts.put("rollback.targetIsCurrent", target.current());
    facts.put("rollback.targetNamed", named(target, subject.write()));
    facts.put(
        "rollback.targetBeforeBadDeploy",
        bad.isPresent() && target.revision() < bad.get().revision());
    facts.put("rollback.targetRanHealthy", target.health() == RevisionHealth.HEALTHY);
    facts.put(
        "rollback.targetIsLastHealthy",
        bad.isPresent() && lastHealthyBefore(revisions, target, bad.get()));
    facts.put("rollback.targetMissingConfig", subjects(target.missingConfig(), List.of()));
    List<ConfigRef> newerMissing = List.of();
    for (Revision r : revisions) {
      if (r.revision() > target.revision() && !r.missingConfig().isEmpty()) {
        newerMissing = newerMissing.isEmpty() ? new ArrayList<>() : newerMissing;
        newerMissing.addAll(r.missingConfig());
      }
    }
    facts.put("rollback.newerMissingConfig", subjects(newerMissing, List.of()));
    facts.put("rollback.targetUnverifiedConfig", subjects(target.unverifiedConfig(), List.of()));
    facts.put("rollback.crossesMigration", migrationsAfter(revisions, target));
    facts.put("rollback.undoesSecurityFix", securityFixesAfter(revisions, target));
    facts.put("rollback.configChangedSinceTarget", configChangedSince(subject, revisions, target));
    facts.put("rollback.targetHealth", target.health().name() + reason(target));
  }

  /**
   * The revisions newer than the target that ran a schema migration at rollout, described: going
   * back past one runs code older than the schema it left (a dropped column, a renamed table).
   */
  private static List<String> migrationsAfter(List<Revision> revisions, Revision target) {
    List<String> found = new ArrayList<>(0);
    for (Revision r : revisions) {
      if (r.revision() > target.revision() && r.runsSchemaMigration()) {
        found.add("revision " + r.revision() + " (" + r.schemaMigration() + ")");
      }
    }
    return unmodifiable(found);
  }

  /**
   * Words a release's change cause uses when it ships a security fix: the word itself, an advisory
   * or CVE id, a vulnerability, an exploit. Matched on whole-word starts, case-insensitively.
   */
  static final Pattern SECURITY_FIX =
      Pattern.compile(
          "(?i)\\b(security|cve-\\d{4}-\\d+|ghsa-[a-z0-9]{4}-|vulnerab\\w*|exploit\\w*|advisory)");

  /**
   * The revisions newer than the target whose change cause says they ship a security fix,
   * described: a rollback past one re-opens what it closed (an exploited library, a patched
   * endpoint), which only the owners and their security team can weigh against the outage.
   */
  private static List<String> securityFixesAfter(List<Revision> revisions, Revision target) {
    List<String> found = new ArrayList<>(0);
    for (Revision r : revisions) {
      if (r.revision() > target.revision()
          && r.changeCause() != null
          && mayNameSecurityFix(r.changeCause())
          && SECURITY_FIX.matcher(r.changeCause()).find()) {
        found.add("revision " + r.revision() + " ('" + clip(r.changeCause()) + "')");
      }
    }
    return unmodifiable(found);
  }

  /** The literal starts of {@link #SECURITY_FIX}'s words: one of them is in every match. */
  private static final String[] SECURITY_FIX_STARTS = {
    "security", "cve-", "ghsa-", "vulnerab", "exploit", "advisory"
  };

  /**
   * Whether the text holds one of {@link #SECURITY_FIX_STARTS} in any case: without one the pattern
   * cannot match, so most change causes are answered without a matcher. {@code regionMatches}
   * ignores case more widely than the pattern's ASCII {@code (?i)}, so it never says no where the
   * pattern would match; the pattern still decides.
   */
  static boolean mayNameSecurityFix(String text) {
    for (int at = 0; at < text.length(); at++) {
      for (String start : SECURITY_FIX_STARTS) {
        if (text.regionMatches(true, at, start, 0, start.length())) {
          return true;
        }
      }
    }
    return false;
  }

  private static String clip(String cause) {
    String oneLine = cause.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
  }

  /**
   * The Secrets and ConfigMaps the workload's pods read that changed since the target revision last
   * ran (from when the revision after it rolled out, less a little slack: a chart writes its
   * ConfigMap a moment before the Deployment), described. A Deployment rollback restores the pod
   * template, not the objects it reads: when an object keeps its name across releases (Helm's
   * checksum/config pattern), the target's pods read today's value, the one that changed with the
   * release. Whether the target revision reads another object (a hash-suffixed name) is not in the
   * signals, so it is a person's confirmation.
   */
  private static List<String> configChangedSince(
      Subject subject, List<Revision> revisions, Revision target) {
    Instant replaced = null;
    for (Revision r : revisions) {
      if (r.revision() > target.revision()
          && (replaced == null || r.deployedAt().isBefore(replaced))) {
        replaced = r.deployedAt();
      }
    }
    if (replaced == null || subject.target().isEmpty()) {
      return List.of();
    }
    Instant since = replaced.minus(CONFIG_WRITTEN_FIRST);
    List<String> found = new ArrayList<>(0);
    for (ConfigChange c :
        subject.signals().findings().configChangesOf(subject.target().get().ref())) {
      if (c.changedAt() != null && !c.changedAt().isBefore(since)) {
        found.add(
            c.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + " "
                + c.name()
                + " changed at "
                + c.changedAt()
                + (c.changedBy() == null || c.changedBy().isBlank() ? "" : " by " + c.changedBy()));
      }
    }
    return unmodifiable(found);
  }

  /**
   * No revision between the target and the bad deploy ran HEALTHY: the rollback goes back only as
   * far as it must. Going further back drops a release that ran fine and may cross the schema
   * migrations it brought.
   */
  private static boolean lastHealthyBefore(
      List<Revision> revisions, Revision target, Revision bad) {
    for (Revision r : revisions) {
      if (r.revision() > target.revision()
          && r.revision() < bad.revision()
          && r.health() == RevisionHealth.HEALTHY) {
        return false;
      }
    }
    return true;
  }

  /**
   * The names the write gives agree with the revision: a SHA (when given) names the same commit as
   * the revision's SHA ({@link ShaMatch}), a template hash (when given) is its template hash, and
   * at least one is given.
   */
  private static boolean named(Revision target, ProposedWrite write) {
    boolean sha = GroundingFacts.present(write.sha());
    boolean hash = GroundingFacts.present(write.templateHash());
    return (sha || hash)
        && (!sha || shaMatches(target, write.sha()))
        && (!hash || write.templateHash().strip().equals(target.podTemplateHash()));
  }

  private static boolean shaMatches(Revision target, String sha) {
    return ShaMatch.sameCommit(target.gitSha(), sha);
  }

  /** The refs' subjects, each once, in order ({@code none} when there are no refs). */
  private static List<String> subjects(List<ConfigRef> refs, List<String> none) {
    if (refs.isEmpty()) {
      return none;
    }
    List<String> subjects = new ArrayList<>(refs.size());
    for (ConfigRef ref : refs) {
      String subject = ref.subject();
      if (!subjects.contains(subject)) {
        subjects.add(subject);
      }
    }
    return Collections.unmodifiableList(subjects);
  }

  private static List<String> unmodifiable(List<String> found) {
    return found.isEmpty() ? List.of() : Collections.unmodifiableList(found);
  }

  private static String reason(Revision target) {
    return target.healthReason().isBlank() ? "" : " (" + target.healthReason() + ")";
  }
}
