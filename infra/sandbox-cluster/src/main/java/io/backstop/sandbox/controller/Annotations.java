package io.backstop.sandbox.controller;

/** The label and annotation keys the simulated controllers read and write. */
public final class Annotations {

  public static final String REVISION = "deployment.kubernetes.io/revision";
  public static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
  public static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
  public static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
  public static final String CHANGE_CAUSE = "kubernetes.io/change-cause";
  public static final String GIT_SHA = "backstop.io/git-sha";
  public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
  public static final String POD_TEMPLATE_HASH = "pod-template-hash";
  public static final String CONTROLLER_REVISION_HASH = "controller-revision-hash";
  public static final String STS_POD_NAME = "statefulset.kubernetes.io/pod-name";
  public static final String PROTECTED = "backstop.io/protected";

  private Annotations() {}
}
