package io.backstop.safety.facts;

import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RolloutHistory;
import java.util.List;
import java.util.Optional;

/**
 * Completes a rollback that names its target revision only in part. A revision is named by its
 * number and git SHA or, when it has no SHA of its own, by its number and pod-template hash. A
 * proposal that gives only the number, only a SHA (full or a 7+ prefix) or only a template hash is
 * completed from the rollout history when exactly one revision fits: a SHA counts only for the
 * revision that owns it (an inherited SHA names the build, not the revision, so it never makes two
 * revisions ambiguous, and it never completes a number either), and a SHA deployed as two revisions
 * of its own completes nothing. Safety rationale: completion only ever fills what the history says
 * unambiguously; it never changes a value the model gave, and the completed action is then judged
 * by every rule like any other, so a completed rollback is exactly as safe as a fully named one.
 */
public final class RevisionNaming {

  private RevisionNaming() {}

  /**
   * The write, completed when possible, and a note saying what was completed (empty if nothing).
   */
  public record Completion(ProposedWrite write, Optional<String> note) {}

  public static Completion complete(ProposedWrite write, Optional<RolloutHistory> history) {
    if (!write.type().equals(Optional.of(ActionType.ROLLBACK)) || history.isEmpty()) {
      return new Completion(write, Optional.empty());
    }
    String sha = blank(write.sha()) ? null : write.sha();
    String hash = blank(write.templateHash()) ? null : write.templateHash().strip();
    if (write.revision() != null) {
      if (sha != null || hash != null) {
        return new Completion(write, Optional.empty());
      }
      return history
          .get()
          .revision(write.revision())
          .flatMap(r -> byNumber(write, r))
          .orElse(new Completion(write, Optional.empty()));
    }
    Optional<Revision> named = Optional.empty();
    String from = "";
    if (sha != null) {
      named = ownerOf(history.get(), sha);
      from = "the SHA " + sha;
    } else if (hash != null) {
      named = withHash(history.get(), hash);
      from = "the pod-template hash " + hash;
    }
    if (named.isEmpty()) {
      return new Completion(write, Optional.empty());
    }
    Revision r = named.get();
    ProposedWrite completed =
        with(write, r.revision(), sha != null ? r.gitSha() : ownSha(r), hash(r, hash));
    return new Completion(completed, Optional.of(note(r, from)));
  }

  private static Optional<Completion> byNumber(ProposedWrite write, Revision r) {
    if (r.ownsSha()) {
      return Optional.of(
          new Completion(
              with(write, r.revision(), r.gitSha(), r.podTemplateHash()),
              Optional.of(note(r, "its revision number"))));
    }
    if (r.podTemplateHash() != null) {
      return Optional.of(
          new Completion(
              with(write, r.revision(), null, r.podTemplateHash()),
              Optional.of(note(r, "its revision number"))));
    }
    return Optional.empty();
  }

  /** The one revision that owns the SHA; empty when none does, or two distinct ones could. */
  static Optional<Revision> ownerOf(RolloutHistory history, String raw) {
    Optional<String> sha = ShaMatch.normalise(raw);
    if (sha.isEmpty()) {
      return Optional.empty();
    }
    List<Revision> owners =
        ShaMatch.matches(history, sha.get()).stream().filter(Revision::ownsSha).toList();
    return owners.size() == 1 ? Optional.of(owners.get(0)) : Optional.empty();
  }

  private static Optional<Revision> withHash(RolloutHistory history, String hash) {
    List<Revision> found =
        history.revisions().stream().filter(r -> hash.equals(r.podTemplateHash())).toList();
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }

  private static String ownSha(Revision r) {
    return r.ownsSha() ? r.gitSha() : null;
  }

  private static String hash(Revision r, String given) {
    return given != null ? given : r.podTemplateHash();
  }

  private static ProposedWrite with(ProposedWrite w, long revision, String sha, String hash) {
    return new ProposedWrite(
        w.requested(),
        w.target(),
        w.namespace(),
        w.scope(),
        revision,
        sha,
        hash,
        w.replicas(),
        w.matchesProposal());
  }

  private static String note(Revision r, String from) {
    return "rollback target completed from the rollout history by "
        + from
        + ": revision "
        + r.revision()
        + (r.ownsSha() ? " (SHA " + r.gitSha() + ")" : " (no SHA of its own)")
        + (r.podTemplateHash() == null ? "" : " pod-template hash " + r.podTemplateHash());
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
