package io.backstop.executor.verify;

import io.backstop.events.signal.ErrorBasis;
import io.backstop.executor.live.LiveDeployment;
import io.backstop.executor.live.PodState;
import java.util.List;

/**
 * One look at a rollout: the Deployment, the pods of its current revision, the error ratio where
 * Prometheus is configured ({@code null} when it is not), and the basis it was measured against
 * (the codes and baseline triage judged the incident by; {@code null} for the fixed rule).
 */
public record RolloutSnapshot(
    LiveDeployment deployment, List<PodState> newPods, Double errorRatio, ErrorBasis basis) {

  public RolloutSnapshot {
    newPods = List.copyOf(newPods);
  }

  /** A look judged by the fixed rule. */
  public RolloutSnapshot(LiveDeployment deployment, List<PodState> newPods, Double errorRatio) {
    this(deployment, newPods, errorRatio, null);
  }

  public int restarts() {
    return newPods.stream().mapToInt(PodState::restarts).sum();
  }
}
