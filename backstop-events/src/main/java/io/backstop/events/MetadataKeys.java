package io.backstop.events;

/**
 * The label and annotation keys Backstop writes on Kubernetes objects and reads back from them,
 * spelled once, as the topics are: the mark the planner writes is the mark the executor resumes by
 * and triage recognises, and the protection label the guardrail honours is the one the executor
 * refuses to touch. The last three are Kubernetes' own, read and written as {@code kubectl} does.
 */
public final class MetadataKeys {

  /** Written on every Deployment Backstop changes: the action that changed it. */
  public static final String ACTION_ID = "backstop.io/action-id";

  /** Written alongside the action id: the incident the action belongs to. */
  public static final String INCIDENT_ID = "backstop.io/incident-id";

  /**
   * Written by the executor's one self-revert: the action it reverted. A restarted executor tells
   * from it whether an interrupted revert reached the API server.
   */
  public static final String REVERT_OF = "backstop.io/revert-of";

  /** The git SHA a ReplicaSet's pods were built from, when the deploy pipeline sets it. */
  public static final String GIT_SHA = "backstop.io/git-sha";

  /** A workload labelled {@code true} is never written to by Backstop. */
  public static final String PROTECTED = "backstop.io/protected";

  /** A Deployment annotated {@code true} runs one replica by design (no scale-out). */
  public static final String SINGLETON = "backstop.io/singleton";

  /** An owner's annotation on a pod template: its rollout runs a database schema migration. */
  public static final String SCHEMA_MIGRATION = "backstop.io/schema-migration";

  /**
   * An owner's annotation on a Deployment: a hold they declared (planned maintenance, a deliberate
   * scale-down), its value the reason. While it is set, every Backstop write asks a person.
   */
  public static final String HOLD = "backstop.io/hold";

  /** The deployment controller's revision counter, on Deployments and their ReplicaSets. */
  public static final String REVISION = "deployment.kubernetes.io/revision";

  /** The template annotation a rolling restart sets, as {@code kubectl rollout restart} does. */
  public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

  /** The label the controller adds to a ReplicaSet's template; a rollback drops it. */
  public static final String POD_TEMPLATE_HASH = "pod-template-hash";

  private MetadataKeys() {}

  /** A key as a JSON Pointer segment (RFC 6901: {@code ~} → {@code ~0}, {@code /} → {@code ~1}). */
  public static String pointer(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
