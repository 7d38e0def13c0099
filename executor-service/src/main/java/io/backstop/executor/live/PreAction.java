package io.backstop.executor.live;

import io.backstop.events.signal.WorkloadRef;

/**
 * The Deployment as the executor found it just before its write, kept in the ledger so a restarted
 * executor can verify the write, and revert it, exactly as the interrupted one would have.
 */
public record PreAction(long revision, String sha, String image, int replicas) {

  public PreAction {
    sha = sha == null ? "" : sha;
    image = image == null ? "" : image;
  }

  public static PreAction of(LiveDeployment live) {
    return new PreAction(live.revision(), live.sha(), live.image(), live.desiredReplicas());
  }

  /** The pre-action state as a Deployment view (status fields unknown, so zero). */
  public LiveDeployment asLive(WorkloadRef ref) {
    return new LiveDeployment(
        ref, null, null, false, revision, image, sha, replicas, 0, 0, 0, 0, 0, 0);
  }
}
