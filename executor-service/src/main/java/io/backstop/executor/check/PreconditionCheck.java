package io.backstop.executor.check;

import io.backstop.events.MetadataKeys;
import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.Preconditions;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.executor.live.LiveDeployment;
import io.backstop.executor.live.RevisionTemplate;
import io.backstop.safety.facts.ShaMatch;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Compares what the decision saw with what the API server reports now. Any difference is a reason
 * to refuse: the executor only ever acts on the world the guardrail approved an action for.
 */
public final class PreconditionCheck {

  private PreconditionCheck() {}

  /** Every reason the write must not happen; empty when the live state is still as approved. */
  public static List<String> problems(
      ApprovedAction action,
      Preconditions expected,
      LiveDeployment live,
      Optional<RevisionTemplate> rollbackTo,
      Collection<String> allowedNamespaces) {
    List<String> problems = new ArrayList<>();
    if (live.labelledProtected()) {
      problems.add(live.ref() + " is labelled " + MetadataKeys.PROTECTED + "=true");
    }
    if (!allowedNamespaces.contains(live.ref().namespace())) {
      problems.add(
          "namespace "
              + live.ref().namespace()
              + " is not in the executor's allowed namespaces "
              + allowedNamespaces);
    }
    if (live.revision() != expected.currentRevision()) {
      problems.add(
          "current revision is "
              + live.revision()
              + ", the decision saw "
              + expected.currentRevision());
    }
    if (expected.currentSha() != null && !ShaMatch.sameCommit(live.sha(), expected.currentSha())) {
      problems.add(
          "current SHA is '" + live.sha() + "', the decision saw " + expected.currentSha());
    }
    if (!live.image().equals(expected.currentImage())) {
      problems.add(
          "current image is " + live.image() + ", the decision saw " + expected.currentImage());
    }
    if (live.desiredReplicas() != expected.replicas()) {
      problems.add(
          "desired replicas are "
              + live.desiredReplicas()
              + ", the decision saw "
              + expected.replicas());
    }
    if (action.type() == ActionType.ROLLBACK) {
      problems.addAll(rollbackProblems(action, live, rollbackTo));
    }
    return List.copyOf(problems);
  }

  private static List<String> rollbackProblems(
      ApprovedAction action, LiveDeployment live, Optional<RevisionTemplate> rollbackTo) {
    if (rollbackTo.isEmpty()) {
      return List.of("no ReplicaSet of " + live.ref() + " holds revision " + action.toRevision());
    }
    RevisionTemplate to = rollbackTo.get();
    List<String> problems = new ArrayList<>();
    if (to.revision() >= live.revision()) {
      problems.add(
          "revision " + to.revision() + " is not earlier than the current " + live.revision());
    }
    if (action.namesTemplateHash() && !action.toTemplateHash().equals(to.templateHash())) {
      problems.add(
          "ReplicaSet "
              + to.replicaSet()
              + " of revision "
              + to.revision()
              + " has pod-template hash '"
              + to.templateHash()
              + "', the approval names "
              + action.toTemplateHash());
    }
    boolean namesSha = action.toSha() != null && !action.toSha().isBlank();
    if (namesSha && !ShaMatch.sameCommit(to.sha(), action.toSha())) {
      problems.add(
          "ReplicaSet "
              + to.replicaSet()
              + " of revision "
              + to.revision()
              + " runs SHA '"
              + to.sha()
              + "', the approval names "
              + action.toSha());
    }
    return problems;
  }
}
