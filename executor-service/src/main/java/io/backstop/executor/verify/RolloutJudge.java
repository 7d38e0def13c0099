package io.backstop.executor.verify;

import io.backstop.events.signal.ErrorBasis;
import io.backstop.executor.live.LiveDeployment;
import io.backstop.executor.live.PodState;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges one look at a rollout against the one before it. HEALTHY needs all of: the controller
 * observed the latest generation; updated, ready, available and total replicas equal the desired
 * count; every new pod ready; restarts not rising since the previous look; the error ratio (when
 * measured) recovered. With a basis (the codes and baseline triage judged the incident by) that is
 * the same test triage used: the share of those codes within the basis' threshold of its baseline,
 * so errors are "up" for the executor exactly when they were for triage. Without one (older events)
 * it is the fixed rule: the ratio under the configured threshold. NaN never recovers. Once the
 * controller has observed the write (so the pods are those of the new revision), any new pod in
 * CrashLoopBackOff is CRASH_LOOPING at once.
 */
public final class RolloutJudge {

  private final double errorRatioThreshold;

  public RolloutJudge(double errorRatioThreshold) {
    this.errorRatioThreshold = errorRatioThreshold;
  }

  public RolloutState judge(RolloutSnapshot now, RolloutSnapshot previous) {
    LiveDeployment d = now.deployment();
    boolean observed = d.observedGeneration() >= d.generation();
    if (observed && now.newPods().stream().anyMatch(PodState::crashLooping)) {
      return RolloutState.CRASH_LOOPING;
    }
    return unmet(now, previous).isEmpty() ? RolloutState.HEALTHY : RolloutState.PROGRESSING;
  }

  /** What still keeps the rollout from HEALTHY, as lines a human can read. */
  public List<String> unmet(RolloutSnapshot now, RolloutSnapshot previous) {
    LiveDeployment d = now.deployment();
    int desired = d.desiredReplicas();
    List<String> unmet = new ArrayList<>();
    if (d.observedGeneration() < d.generation()) {
      unmet.add("observedGeneration " + d.observedGeneration() + " < generation " + d.generation());
    }
    if (d.updatedReplicas() != desired
        || d.readyReplicas() != desired
        || d.availableReplicas() != desired
        || d.replicas() != desired) {
      unmet.add(
          String.format(
              "replicas desired=%d total=%d updated=%d ready=%d available=%d",
              desired,
              d.replicas(),
              d.updatedReplicas(),
              d.readyReplicas(),
              d.availableReplicas()));
    }
    long ready = now.newPods().stream().filter(PodState::ready).count();
    if (now.newPods().size() < desired || ready < now.newPods().size()) {
      unmet.add(ready + " of " + now.newPods().size() + " new pods ready, " + desired + " desired");
    }
    if (previous == null || now.restarts() > previous.restarts()) {
      unmet.add("restarts of new pods not yet stable (" + now.restarts() + ")");
    }
    if (now.errorRatio() != null) {
      ErrorBasis basis = now.basis();
      if (basis == null && !(now.errorRatio() < errorRatioThreshold)) {
        unmet.add("error ratio " + now.errorRatio() + " not under " + errorRatioThreshold);
      } else if (basis != null && !basis.recovered(now.errorRatio())) {
        unmet.add(
            "error ratio "
                + now.errorRatio()
                + " of codes "
                + basis.codes()
                + " not within "
                + basis.threshold()
                + " of its baseline "
                + basis.baseline());
      }
    }
    return unmet;
  }
}
