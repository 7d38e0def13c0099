package io.backstop.executor.verify;

import io.backstop.executor.live.LiveDeployment;
import io.backstop.executor.live.PodState;
import java.util.List;

/**
 * One look at a rollout: the Deployment, the pods of its current revision, and the error ratio
 * where Prometheus is configured ({@code null} when it is not).
 */
public record RolloutSnapshot(
    LiveDeployment deployment, List<PodState> newPods, Double errorRatio) {

  public RolloutSnapshot {
    newPods = List.copyOf(newPods);
  }

  public int restarts() {
    return newPods.stream().mapToInt(PodState::restarts).sum();
  }
}
