package io.backstop.executor.live;

import tools.jackson.databind.node.ObjectNode;

/**
 * One numbered revision of a Deployment, read from the ReplicaSet that holds it: the ReplicaSet's
 * name, its revision number, the git SHA (annotation, else image tag), the image, the pod template
 * exactly as the ReplicaSet stores it, and its {@code pod-template-hash} label ("" when absent),
 * which names a revision that has no SHA of its own.
 */
public record RevisionTemplate(
    String replicaSet,
    long revision,
    String sha,
    String image,
    ObjectNode podTemplate,
    String templateHash) {

  public RevisionTemplate {
    sha = sha == null ? "" : sha;
    image = image == null ? "" : image;
    podTemplate = podTemplate.deepCopy();
    templateHash = templateHash == null ? "" : templateHash;
  }

  /** A revision read without its template hash. */
  public RevisionTemplate(
      String replicaSet, long revision, String sha, String image, ObjectNode podTemplate) {
    this(replicaSet, revision, sha, image, podTemplate, "");
  }

  @Override
  public ObjectNode podTemplate() {
    return podTemplate.deepCopy();
  }
}
