package io.backstop.executor.live;

/** The metadata keys the executor reads and writes on Kubernetes objects. */
public final class Annotations {

  /** Written by the executor on every Deployment it changes: the action that changed it. */
  public static final String ACTION_ID = "backstop.io/action-id";

  /**
   * Written by the executor's one self-revert: the action it reverted. A restarted executor tells
   * from it whether an interrupted revert reached the API server.
   */
  public static final String REVERT_OF = "backstop.io/revert-of";

  /** Written alongside the action id: the incident the action belongs to. */
  public static final String INCIDENT_ID = "backstop.io/incident-id";

  /** The git SHA a ReplicaSet's pods were built from, when the deploy pipeline sets it. */
  public static final String GIT_SHA = "backstop.io/git-sha";

  /** A Deployment labelled {@code true} is never touched. */
  public static final String PROTECTED = "backstop.io/protected";

  /** The deployment controller's revision counter, on Deployments and their ReplicaSets. */
  public static final String REVISION = "deployment.kubernetes.io/revision";

  /** The template annotation a rolling restart sets, as {@code kubectl rollout restart} does. */
  public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

  /** The label the controller adds to a ReplicaSet's template; a rollback drops it. */
  public static final String POD_TEMPLATE_HASH = "pod-template-hash";

  private Annotations() {}

  /** A key as a JSON Pointer segment (RFC 6901: {@code ~} → {@code ~0}, {@code /} → {@code ~1}). */
  public static String pointer(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
