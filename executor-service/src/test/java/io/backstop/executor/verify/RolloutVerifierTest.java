package io.backstop.executor.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.executor.ExecutorProperties;
import io.backstop.executor.fixtures.LiveStates;
import io.backstop.executor.live.LiveDeployment;
import io.backstop.executor.live.LiveState;
import io.backstop.executor.live.PodState;
import io.backstop.executor.live.RevisionTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RolloutVerifierTest {

  final List<Duration> pauses = new ArrayList<>();

  RolloutVerifier verifier(LiveState cluster, int stablePolls) {
    return new RolloutVerifier(
        cluster,
        ErrorSignal.NONE,
        new RolloutJudge(0.05),
        new ExecutorProperties.Verification(
            Duration.ofSeconds(10), Duration.ofSeconds(2), stablePolls),
        Fixtures.CLOCK,
        pauses::add);
  }

  static LiveState fixed(LiveDeployment live, List<PodState> pods) {
    return new LiveState() {
      @Override
      public Optional<LiveDeployment> deployment(WorkloadRef ref) {
        return Optional.of(live);
      }

      @Override
      public Optional<RevisionTemplate> revision(WorkloadRef ref, long revision) {
        return Optional.empty();
      }

      @Override
      public List<PodState> currentPods(WorkloadRef ref) {
        return pods;
      }
    };
  }

  @Test
  void verifiesAfterTheConfiguredNumberOfConsecutiveHealthyPolls() {
    var pods = List.of(new PodState("a", true, 0, ""), new PodState("b", true, 0, ""));

    VerificationResult result =
        verifier(fixed(LiveStates.rolledOut(2, 2, 5, 5), pods), 2).verify(Signals.CHECKOUT);

    assertThat(result.state()).isEqualTo(RolloutState.HEALTHY);
    assertThat(result.verification().rolloutComplete()).isTrue();
    assertThat(pauses).hasSize(2);
  }

  @Test
  void givesUpAfterTheWindowWithWhatWasStillMissing() {
    var pods = List.of(new PodState("a", false, 0, "ContainerCreating"));

    VerificationResult result =
        verifier(fixed(LiveStates.rolledOut(2, 0, 5, 5), pods), 2).verify(Signals.CHECKOUT);

    assertThat(result.state()).isEqualTo(RolloutState.PROGRESSING);
    assertThat(pauses).hasSize(4).allMatch(d -> d.equals(Duration.ofSeconds(2)));
    assertThat(result.verification().observations())
        .singleElement()
        .asString()
        .contains("not recovered within PT10S")
        .contains("0 of 1 new pods ready");
  }

  @Test
  void stopsAtOnceWhenTheNewPodsCrashLoop() {
    var pods = List.of(new PodState("a", false, 5, PodState.CRASH_LOOP));

    VerificationResult result =
        verifier(fixed(LiveStates.rolledOut(1, 0, 5, 5), pods), 2).verify(Signals.CHECKOUT);

    assertThat(result.state()).isEqualTo(RolloutState.CRASH_LOOPING);
    assertThat(pauses).isEmpty();
  }

  @Test
  void oldRevisionsCrashLoopingPodsAreNotBlamedOnARollbackTheControllerHasNotTakenUpYet() {
    var oldPods = List.of(new PodState("old", false, 7, PodState.CRASH_LOOP));
    var before = LiveStates.checkoutAtRevision3();

    VerificationResult result = verifier(fixed(before, oldPods), 2).verify(before, true);

    assertThat(result.state()).isEqualTo(RolloutState.PROGRESSING);
    assertThat(result.verification().observations())
        .singleElement()
        .asString()
        .contains("never moved off revision 3");
  }

  @Test
  void aTemplateWriteWhoseNewRevisionCrashLoopsIsStillCaughtAtOnce() {
    var newPods = List.of(new PodState("new", false, 2, PodState.CRASH_LOOP));

    VerificationResult result =
        verifier(fixed(LiveStates.rolledOut(1, 0, 5, 5), newPods), 2)
            .verify(LiveStates.checkoutAtRevision3(), true);

    assertThat(result.state()).isEqualTo(RolloutState.CRASH_LOOPING);
  }
}
