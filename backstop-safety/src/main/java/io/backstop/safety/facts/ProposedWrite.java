package io.backstop.safety.facts;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.action.ApprovedAction;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.diagnosis.RecommendedAction;
import java.util.Optional;

/**
 * The write under judgement, as text and numbers the gate will check: either the action a diagnosis
 * recommends or an action already approved (the executor's re-check). Safety rationale: both paths
 * are judged by the same facts and policies; for an approved action, {@code matchesProposal} says
 * whether it is exactly what the embedded diagnosis recommended.
 */
public record ProposedWrite(
    String requested,
    String target,
    String namespace,
    String scope,
    Long revision,
    String sha,
    String templateHash,
    Integer replicas,
    boolean matchesProposal) {

  /** The action the diagnosis recommends; a missing namespace is the diagnosis's namespace. */
  public static ProposedWrite recommended(DiagnosisProposed diagnosis) {
    RecommendedAction action = diagnosis.action();
    String namespace =
        action.namespace() == null ? diagnosis.suspectedNamespace() : action.namespace();
    return new ProposedWrite(
        action.type(),
        action.target(),
        namespace,
        action.scope(),
        action.revision(),
        action.gitSha(),
        action.podTemplateHash(),
        action.replicas(),
        true);
  }

  /** An approved action, re-checked against the diagnosis it was approved from. */
  public static ProposedWrite approved(ApprovedAction approved, DiagnosisProposed diagnosis) {
    ProposedWrite proposed =
        RevisionNaming.complete(
                recommended(diagnosis), diagnosis.signals().rollout(approved.target()))
            .write();
    boolean matches =
        proposed.type().equals(Optional.of(approved.type()))
            && Names.canonical(proposed.target()).equals(Optional.of(approved.target().name()))
            && Names.canonical(proposed.namespace())
                .equals(Optional.of(approved.target().namespace()))
            && sameNumber(proposed.revision(), approved.toRevision())
            && sameNumber(proposed.replicas(), approved.replicas())
            && shaAgrees(proposed.sha(), approved.toSha())
            && hashAgrees(proposed.templateHash(), approved.toTemplateHash());
    return new ProposedWrite(
        approved.type().name(),
        approved.target().name(),
        approved.target().namespace(),
        diagnosis.action().scope(),
        approved.toRevision(),
        approved.toSha(),
        approved.toTemplateHash(),
        approved.replicas(),
        matches);
  }

  public Optional<ActionType> type() {
    return ActionType.parse(requested);
  }

  /** Whether the write is one of the three writes (not ESCALATE, NONE or an unknown verb). */
  public boolean isWrite() {
    return type().map(ActionType::isWrite).orElse(false);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  private static boolean sameNumber(Number proposed, Number approved) {
    return proposed == null
        ? approved == null
        : approved != null && proposed.longValue() == approved.longValue();
  }

  /** A hash the proposal named must be the approved one; one it did not name came from history. */
  private static boolean hashAgrees(String proposed, String approved) {
    String p = blankToNull(proposed);
    return p == null || p.equals(approved);
  }

  /**
   * A SHA the proposal named must agree with the approved one; one it did not name came from
   * history (a revision named by number and template hash).
   */
  private static boolean shaAgrees(String proposed, String approved) {
    if (blankToNull(proposed) == null) {
      return true;
    }
    if (approved == null) {
      return false;
    }
    return ShaMatch.sameCommit(proposed, approved);
  }
}
