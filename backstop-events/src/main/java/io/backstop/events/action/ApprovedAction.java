package io.backstop.events.action;

import io.backstop.events.Require;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.signal.WorkloadKind;
import io.backstop.events.signal.WorkloadRef;

/**
 * An executable action: one of the three narrow writes on exactly one Deployment. The constructor
 * refuses anything else, so a record of this type can only ever describe a bounded write. A
 * rollback names its revision by number and git SHA, or, for a revision with no SHA of its own, by
 * number and pod-template hash ({@code toTemplateHash}); the executor finds the ReplicaSet by the
 * number and refuses unless it carries that SHA or hash.
 */
public record ApprovedAction(
    ActionType type,
    WorkloadRef target,
    Long toRevision,
    String toSha,
    Integer replicas,
    String toTemplateHash) {

  public ApprovedAction {
    Require.present(type, "action.type");
    Require.present(target, "action.target");
    if (!type.isWrite()) {
      throw new Require.InvalidFieldException(
          "action.type", "must be ROLLBACK, RESTART or SCALE, but was " + type);
    }
    if (target.kind() != WorkloadKind.DEPLOYMENT) {
      throw new Require.InvalidFieldException(
          "action.target", "must be a Deployment, but was " + target.kind());
    }
    switch (type) {
      case ROLLBACK -> {
        Require.present(toRevision, "action.toRevision");
        if ((toSha == null || toSha.isBlank())
            && (toTemplateHash == null || toTemplateHash.isBlank())) {
          throw new Require.InvalidFieldException(
              "action.toSha", "a rollback names its revision's git SHA or pod-template hash");
        }
      }
      case SCALE -> {
        Require.present(replicas, "action.replicas");
        if (replicas < 1) {
          throw new Require.InvalidFieldException(
              "action.replicas", "must be >= 1, but was " + replicas);
        }
      }
      default -> {}
    }
  }

  /** An action with no pod-template hash (the first contract's shape). */
  public ApprovedAction(
      ActionType type, WorkloadRef target, Long toRevision, String toSha, Integer replicas) {
    this(type, target, toRevision, toSha, replicas, null);
  }

  public static ApprovedAction rollback(WorkloadRef target, long toRevision, String toSha) {
    return new ApprovedAction(ActionType.ROLLBACK, target, toRevision, toSha, null, null);
  }

  /**
   * A rollback to a revision named by number and pod-template hash, with its SHA when it has one of
   * its own (null otherwise).
   */
  public static ApprovedAction rollbackToTemplate(
      WorkloadRef target, long toRevision, String toSha, String toTemplateHash) {
    return new ApprovedAction(ActionType.ROLLBACK, target, toRevision, toSha, null, toTemplateHash);
  }

  public static ApprovedAction restart(WorkloadRef target) {
    return new ApprovedAction(ActionType.RESTART, target, null, null, null, null);
  }

  public static ApprovedAction scale(WorkloadRef target, int replicas) {
    return new ApprovedAction(ActionType.SCALE, target, null, null, replicas, null);
  }

  /** Whether a rollback names its revision by pod-template hash. */
  public boolean namesTemplateHash() {
    return toTemplateHash != null && !toTemplateHash.isBlank();
  }
}
