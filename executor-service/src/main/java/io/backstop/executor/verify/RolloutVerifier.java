package io.backstop.executor.verify;

import io.backstop.events.action.Verification;
import io.backstop.events.signal.ErrorBasis;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.executor.ExecutorProperties;
import io.backstop.executor.live.LiveDeployment;
import io.backstop.executor.live.LiveState;
import io.backstop.executor.live.PodState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Watches a rollout after a write, for a bounded number of polls ({@code timeout / pollInterval}),
 * so it never holds the consumer past the window: HEALTHY after {@code stablePolls} consecutive
 * healthy looks, CRASH_LOOPING as soon as a new pod crash-loops, PROGRESSING when the window ends.
 */
public final class RolloutVerifier {

  /** How the verifier waits between polls; tests pass a short real sleep. */
  @FunctionalInterface
  public interface Pause {
    void pause(java.time.Duration duration) throws InterruptedException;
  }

  private final LiveState cluster;
  private final ErrorSignal errors;
  private final RolloutJudge judge;
  private final ExecutorProperties.Verification settings;
  private final Clock clock;
  private final Pause pause;

  public RolloutVerifier(
      LiveState cluster,
      ErrorSignal errors,
      RolloutJudge judge,
      ExecutorProperties.Verification settings,
      Clock clock,
      Pause pause) {
    this.cluster = cluster;
    this.errors = errors;
    this.judge = judge;
    this.settings = settings;
    this.clock = clock;
    this.pause = pause;
  }

  public VerificationResult verify(WorkloadRef target) {
    return verify(target, OptionalLong.empty(), null);
  }

  /**
   * Verifies a write that changed the pod template (a rollback or restart): until the Deployment
   * has moved off {@code revisionBefore}, the pods the controller reports are still the old
   * revision's, so a crash loop among them says nothing about the write. Those looks count as
   * progressing, never as the write making things worse.
   */
  public VerificationResult verify(LiveDeployment before, boolean templateChanged) {
    return verify(before, templateChanged, null);
  }

  /**
   * As {@link #verify(LiveDeployment, boolean)}, judging the error signal against {@code basis}:
   * the codes and baseline triage judged the incident by (null: the fixed rule).
   */
  public VerificationResult verify(
      LiveDeployment before, boolean templateChanged, ErrorBasis basis) {
    return verify(
        before.ref(),
        templateChanged ? OptionalLong.of(before.revision()) : OptionalLong.empty(),
        basis);
  }

  private VerificationResult verify(
      WorkloadRef target, OptionalLong revisionBefore, ErrorBasis basis) {
    Instant started = clock.instant();
    List<String> observations = new ArrayList<>();
    errors.refusal(target, basis).ifPresent(why -> observations.add("error signal: " + why));
    RolloutSnapshot previous = null;
    RolloutSnapshot now = null;
    int healthyStreak = 0;
    for (int poll = 1; poll <= settings.maxPolls(); poll++) {
      now = snapshot(target, basis);
      boolean stillOld =
          revisionBefore.isPresent() && now.deployment().revision() == revisionBefore.getAsLong();
      RolloutState state = stillOld ? RolloutState.PROGRESSING : judge.judge(now, previous);
      if (state == RolloutState.CRASH_LOOPING) {
        observations.add("poll " + poll + ": new pods crash-loop " + crashLooping(now));
        return result(RolloutState.CRASH_LOOPING, started, now, observations);
      }
      healthyStreak = state == RolloutState.HEALTHY ? healthyStreak + 1 : 0;
      if (healthyStreak >= settings.stablePolls()) {
        observations.add("poll " + poll + ": rolled out, all new pods ready, restarts stable");
        return result(RolloutState.HEALTHY, started, now, observations);
      }
      previous = now;
      if (poll < settings.maxPolls()) {
        sleep();
      }
    }
    List<String> unmet = new ArrayList<>(judge.unmet(now, previous));
    if (revisionBefore.isPresent() && now.deployment().revision() == revisionBefore.getAsLong()) {
      unmet.add(0, "the Deployment never moved off revision " + revisionBefore.getAsLong());
    }
    observations.add("not recovered within " + settings.timeout() + ": " + unmet);
    return result(RolloutState.PROGRESSING, started, now, observations);
  }

  private RolloutSnapshot snapshot(WorkloadRef target, ErrorBasis basis) {
    Optional<LiveDeployment> live = cluster.deployment(target);
    if (live.isEmpty()) {
      throw new IllegalStateException(target + " disappeared during verification");
    }
    return new RolloutSnapshot(
        live.get(), cluster.currentPods(target), errors.errorRatio(target, basis), basis);
  }

  private VerificationResult result(
      RolloutState state, Instant started, RolloutSnapshot last, List<String> observations) {
    boolean complete =
        state == RolloutState.HEALTHY
            || (last.deployment().observedGeneration() >= last.deployment().generation()
                && last.deployment().updatedReplicas() == last.deployment().desiredReplicas());
    var verification =
        new Verification(
            started,
            clock.instant(),
            complete,
            last.deployment().readyReplicas(),
            last.errorRatio(),
            observations);
    return new VerificationResult(state, verification, last.deployment());
  }

  private static List<String> crashLooping(RolloutSnapshot now) {
    return now.newPods().stream()
        .filter(PodState::crashLooping)
        .map(p -> p.name() + " restarts=" + p.restarts())
        .toList();
  }

  private void sleep() {
    try {
      pause.pause(settings.pollInterval());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("verification interrupted", e);
    }
  }
}
