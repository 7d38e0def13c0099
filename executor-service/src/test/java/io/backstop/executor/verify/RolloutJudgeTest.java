package io.backstop.executor.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.signal.ErrorBasis;
import io.backstop.executor.fixtures.LiveStates;
import io.backstop.executor.live.PodState;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutJudgeTest {

  final RolloutJudge judge = new RolloutJudge(0.05);

  static List<PodState> ready(int n) {
    return java.util.stream.IntStream.range(0, n)
        .mapToObj(i -> new PodState("p" + i, true, 0, ""))
        .toList();
  }

  @Test
  void isHealthyWhenRolledOutReadyStableAndUnderTheErrorThreshold() {
    var now = new RolloutSnapshot(LiveStates.rolledOut(3, 3, 8, 8), ready(3), 0.01);
    assertThat(judge.judge(now, now)).isEqualTo(RolloutState.HEALTHY);
  }

  @Test
  void isNeverHealthyOnTheFirstLookBecauseRestartsMustBeSeenStable() {
    var now = new RolloutSnapshot(LiveStates.rolledOut(3, 3, 8, 8), ready(3), null);
    assertThat(judge.judge(now, null)).isEqualTo(RolloutState.PROGRESSING);
  }

  @Test
  void isProgressingUntilTheControllerObservedTheGeneration() {
    var now = new RolloutSnapshot(LiveStates.rolledOut(3, 3, 9, 8), ready(3), null);
    assertThat(judge.judge(now, now)).isEqualTo(RolloutState.PROGRESSING);
  }

  @Test
  void isProgressingWhileRestartsKeepRising() {
    var before =
        new RolloutSnapshot(
            LiveStates.rolledOut(1, 1, 8, 8), List.of(new PodState("p", true, 1, "")), null);
    var now =
        new RolloutSnapshot(
            LiveStates.rolledOut(1, 1, 8, 8), List.of(new PodState("p", true, 2, "")), null);
    assertThat(judge.judge(now, before)).isEqualTo(RolloutState.PROGRESSING);
  }

  @Test
  void isProgressingWhileTheErrorRatioIsAtOrOverTheThresholdOrUnknown() {
    var high = new RolloutSnapshot(LiveStates.rolledOut(3, 3, 8, 8), ready(3), 0.05);
    var unknown = new RolloutSnapshot(LiveStates.rolledOut(3, 3, 8, 8), ready(3), Double.NaN);
    assertThat(judge.judge(high, high)).isEqualTo(RolloutState.PROGRESSING);
    assertThat(judge.judge(unknown, unknown)).isEqualTo(RolloutState.PROGRESSING);
  }

  @Test
  void withABasisTheErrorsAreUpExactlyWhenTheyWereForTriage() {
    var basis = new ErrorBasis(List.of("500"), 0.04, 0.05);
    var atBaseline = new RolloutSnapshot(LiveStates.rolledOut(3, 3, 8, 8), ready(3), 0.07, basis);
    var atTheEdge = new RolloutSnapshot(LiveStates.rolledOut(3, 3, 8, 8), ready(3), 0.09, basis);
    var up = new RolloutSnapshot(LiveStates.rolledOut(3, 3, 8, 8), ready(3), 0.1, basis);
    var unknown =
        new RolloutSnapshot(LiveStates.rolledOut(3, 3, 8, 8), ready(3), Double.NaN, basis);
    assertThat(judge.judge(atBaseline, atBaseline)).isEqualTo(RolloutState.HEALTHY);
    assertThat(judge.judge(atTheEdge, atTheEdge)).isEqualTo(RolloutState.HEALTHY);
    assertThat(judge.judge(up, up)).isEqualTo(RolloutState.PROGRESSING);
    assertThat(judge.judge(unknown, unknown)).isEqualTo(RolloutState.PROGRESSING);
  }

  @Test
  void isCrashLoopingOnceTheNewPodsCrashLoop() {
    var crash = List.of(new PodState("p", false, 4, PodState.CRASH_LOOP));
    var now = new RolloutSnapshot(LiveStates.rolledOut(1, 0, 8, 8), crash, null);
    assertThat(judge.judge(now, null)).isEqualTo(RolloutState.CRASH_LOOPING);
  }

  @Test
  void crashLoopingPodsOfTheOldRevisionDoNotCountBeforeTheControllerCaughtUp() {
    var crash = List.of(new PodState("old", false, 4, PodState.CRASH_LOOP));
    var now = new RolloutSnapshot(LiveStates.rolledOut(1, 0, 9, 8), crash, null);
    assertThat(judge.judge(now, null)).isEqualTo(RolloutState.PROGRESSING);
  }
}
