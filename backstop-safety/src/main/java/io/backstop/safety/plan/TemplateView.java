package io.backstop.safety.plan;

import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The revision a rollback restores: its number, git SHA, image and pod-template hash, and the pod
 * template as its ReplicaSet stores it when that was read ({@code podTemplate} empty when planned
 * from the signals, which never copy pod specs). Safety rationale: without the template the plan
 * pins it by its pod-template hash (a content hash the controller computes), which the executor
 * checks on the live ReplicaSet before it writes, so the approved template is the written one.
 */
public record TemplateView(
    String replicaSet,
    long revision,
    String sha,
    String image,
    String templateHash,
    Optional<ObjectNode> podTemplate) {

  public TemplateView {
    replicaSet = replicaSet == null ? "" : replicaSet;
    sha = sha == null ? "" : sha;
    image = image == null ? "" : image;
    templateHash = templateHash == null ? "" : templateHash;
    podTemplate = podTemplate == null ? Optional.empty() : podTemplate.map(ObjectNode::deepCopy);
  }

  @Override
  public Optional<ObjectNode> podTemplate() {
    return podTemplate.map(ObjectNode::deepCopy);
  }
}
