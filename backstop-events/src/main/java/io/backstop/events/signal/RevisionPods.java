package io.backstop.events.signal;

import io.backstop.events.Require;

/**
 * How many pods a revision's ReplicaSet is set to run now and how many of them are ready: while a
 * rollout is under way the current revision runs fewer than the Deployment's desired replicas and
 * an older revision still runs the rest.
 */
public record RevisionPods(int desired, int ready) {

  public RevisionPods {
    Require.nonNegative(desired, "pods.desired");
    Require.nonNegative(ready, "pods.ready");
  }
}
