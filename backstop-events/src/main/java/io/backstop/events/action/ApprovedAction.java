package io.backstop.events.action;

import io.backstop.events.Require;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.signal.WorkloadKind;
import io.backstop.events.signal.WorkloadRef;

/**
 * An executable action: one of the three narrow writes on exactly one Deployment. The constructor
 * refuses anything else, so a record of this type can only ever describe a bounded write.
 */
public record ApprovedAction(
    ActionType type, WorkloadRef target, Long toRevision, String toSha, Integer replicas) {

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
        Require.text(toSha, "action.toSha");
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

  public static ApprovedAction rollback(WorkloadRef target, long toRevision, String toSha) {
    return new ApprovedAction(ActionType.ROLLBACK, target, toRevision, toSha, null);
  }

  public static ApprovedAction restart(WorkloadRef target) {
    return new ApprovedAction(ActionType.RESTART, target, null, null, null);
  }

  public static ApprovedAction scale(WorkloadRef target, int replicas) {
    return new ApprovedAction(ActionType.SCALE, target, null, null, replicas);
  }
}
