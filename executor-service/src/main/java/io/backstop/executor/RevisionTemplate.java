package io.backstop.executor;

import tools.jackson.databind.node.ObjectNode;

/**
 * One numbered revision of a Deployment, read from the ReplicaSet that holds it: the ReplicaSet's
 * name, its revision number, the git SHA (annotation, else image tag), the image and the pod
 * template exactly as the ReplicaSet stores it.
 */
public record RevisionTemplate(
    String replicaSet, long revision, String sha, String image, ObjectNode podTemplate) {

  public RevisionTemplate {
    sha = sha == null ? "" : sha;
    image = image == null ? "" : image;
    podTemplate = podTemplate.deepCopy();
  }

  @Override
  public ObjectNode podTemplate() {
    return podTemplate.deepCopy();
  }
}
