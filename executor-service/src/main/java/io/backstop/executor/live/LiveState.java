package io.backstop.executor.live;

import io.backstop.events.signal.WorkloadRef;
import java.util.List;
import java.util.Optional;

/** Read-only view of the live cluster, for precondition checks, planning and verification. */
public interface LiveState {

  /** The Deployment as it is now, or empty when it does not exist. */
  Optional<LiveDeployment> deployment(WorkloadRef ref);

  /** The revision held by one of the Deployment's own ReplicaSets, or empty. */
  Optional<RevisionTemplate> revision(WorkloadRef ref, long revision);

  /** The pods of the ReplicaSet behind the Deployment's current revision. */
  List<PodState> currentPods(WorkloadRef ref);
}
