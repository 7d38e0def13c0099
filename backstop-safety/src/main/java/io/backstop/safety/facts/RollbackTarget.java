package io.backstop.safety.facts;

import io.backstop.events.signal.ConfigRef;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RevisionHealth;
import io.backstop.events.signal.RolloutHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
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
    Optional<Revision> target =
        number == null ? Optional.empty() : history.flatMap(h -> h.revision(number));
    facts.put("rollback.targetInHistory", target.isPresent());
    facts.put("rollback.targetIsCurrent", target.map(Revision::current).orElse(false));
    facts.put("rollback.targetNamed", target.map(t -> named(t, subject.write())).orElse(false));
    facts.put(
        "rollback.targetBeforeBadDeploy",
        target.isPresent() && bad.isPresent() && target.get().revision() < bad.get().revision());
    facts.put(
        "rollback.targetRanHealthy",
        target.map(t -> t.health() == RevisionHealth.HEALTHY).orElse(false));
    facts.put(
        "rollback.targetIsLastHealthy",
        target.isPresent()
            && bad.isPresent()
            && lastHealthyBefore(history, target.get(), bad.get()));
    facts.put(
        "rollback.targetMissingConfig",
        subjects(target.map(Revision::missingConfig).orElse(List.of())));
    facts.put(
        "rollback.newerMissingConfig",
        subjects(
            target
                .map(
                    t ->
                        history.map(RolloutHistory::revisions).orElse(List.of()).stream()
                            .filter(r -> r.revision() > t.revision())
                            .flatMap(r -> r.missingConfig().stream())
                            .toList())
                .orElse(List.of())));
    facts.put(
        "rollback.targetUnverifiedConfig",
        subjects(target.map(Revision::unverifiedConfig).orElse(List.of())));
    facts.put(
        "rollback.crossesMigration",
        target.map(t -> migrationsAfter(history, t)).orElse(List.of()));
    facts.put(
        "rollback.undoesSecurityFix",
        target.map(t -> securityFixesAfter(history, t)).orElse(List.of()));
    facts.put(
        "rollback.configChangedSinceTarget",
        target.map(t -> configChangedSince(subject, history, t)).orElse(List.of()));
    facts.put(
        "rollback.targetHealth",
        target.map(t -> t.health().name() + reason(t)).orElse("not in the history"));
  }

  /**
   * The revisions newer than the target that ran a schema migration at rollout, described: going
   * back past one runs code older than the schema it left (a dropped column, a renamed table).
   */
  private static List<String> migrationsAfter(Optional<RolloutHistory> history, Revision target) {
    return history.map(RolloutHistory::revisions).orElse(List.of()).stream()
        .filter(r -> r.revision() > target.revision() && r.runsSchemaMigration())
        .map(r -> "revision " + r.revision() + " (" + r.schemaMigration() + ")")
        .toList();
  }

  /**
   * Words a release's change cause uses when it ships a security fix: the word itself, an advisory
   * or CVE id, a vulnerability, an exploit. Matched on whole-word starts, case-insensitively.
   */
  private static final Pattern SECURITY_FIX =
      Pattern.compile(
          "(?i)\\b(security|cve-\\d{4}-\\d+|ghsa-[a-z0-9]{4}-|vulnerab\\w*|exploit\\w*|advisory)");

  /**
   * The revisions newer than the target whose change cause says they ship a security fix,
   * described: a rollback past one re-opens what it closed (an exploited library, a patched
   * endpoint), which only the owners and their security team can weigh against the outage.
   */
  private static List<String> securityFixesAfter(
      Optional<RolloutHistory> history, Revision target) {
    return history.map(RolloutHistory::revisions).orElse(List.of()).stream()
        .filter(r -> r.revision() > target.revision())
        .filter(r -> r.changeCause() != null && SECURITY_FIX.matcher(r.changeCause()).find())
        .map(r -> "revision " + r.revision() + " ('" + clip(r.changeCause()) + "')")
        .toList();
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
      Subject subject, Optional<RolloutHistory> history, Revision target) {
    Optional<Instant> replaced =
        history.map(RolloutHistory::revisions).orElse(List.of()).stream()
            .filter(r -> r.revision() > target.revision())
            .map(Revision::deployedAt)
            .min(Comparator.naturalOrder());
    if (replaced.isEmpty()) {
      return List.of();
    }
    Instant since = replaced.get().minus(CONFIG_WRITTEN_FIRST);
    return subject
        .target()
        .map(w -> subject.signals().findings().configChangesOf(w.ref()))
        .orElse(List.of())
        .stream()
        .filter(c -> c.changedAt() != null && !c.changedAt().isBefore(since))
        .map(
            c ->
                c.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " "
                    + c.name()
                    + " changed at "
                    + c.changedAt()
                    + (c.changedBy() == null || c.changedBy().isBlank()
                        ? ""
                        : " by " + c.changedBy()))
        .toList();
  }

  /**
   * No revision between the target and the bad deploy ran HEALTHY: the rollback goes back only as
   * far as it must. Going further back drops a release that ran fine and may cross the schema
   * migrations it brought.
   */
  private static boolean lastHealthyBefore(
      Optional<RolloutHistory> history, Revision target, Revision bad) {
    return history
        .map(
            h ->
                h.revisions().stream()
                    .filter(r -> r.revision() > target.revision() && r.revision() < bad.revision())
                    .noneMatch(r -> r.health() == RevisionHealth.HEALTHY))
        .orElse(false);
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

  private static List<String> subjects(List<ConfigRef> refs) {
    return refs.stream().map(ConfigRef::subject).distinct().toList();
  }

  private static String reason(Revision target) {
    return target.healthReason().isBlank() ? "" : " (" + target.healthReason() + ")";
  }
}
