package io.backstop.triage.evidence;

import static io.backstop.events.fixtures.Fixtures.NOW;
import static io.backstop.events.fixtures.Fixtures.minutesAgo;
import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.fixtures.Signals;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RevisionHealth;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.SymptomKind;
import io.backstop.triage.kubernetes.Rollouts.ReadRevision;
import io.backstop.triage.metrics.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevisionHealthJudgeTest {

  final RevisionHealthJudge judge = new RevisionHealthJudge(Duration.ofMinutes(10));

  static ReadRevision rev(long n, Instant deployed, boolean current) {
    return new ReadRevision(
        "rs-" + n,
        new Revision(n, "img:" + n, null, deployed, null, current, RevisionHealth.UNKNOWN),
        current ? 3 : 0);
  }

  static final List<ReadRevision> HISTORY =
      List.of(
          rev(1, minutesAgo(60 * 24), false),
          rev(2, minutesAgo(60), false),
          rev(3, minutesAgo(12), true));

  static final Symptom ERRORS =
      new Symptom(SymptomKind.ERROR_RATE, Signals.CHECKOUT, minutesAgo(10), List.of(), "");

  List<RevisionHealth> health(RevisionHealthJudge.Facts facts) {
    return judge.judge(HISTORY, facts).stream().map(Revision::health).toList();
  }

  @Test
  void revisionsThatEndedBeforeTheOnsetAreHealthyAndTheFailingCurrentOneIsNot() {
    var facts =
        new RevisionHealthJudge.Facts(
            minutesAgo(10), NOW, List.of(ERRORS), List.of(), List.of(), 0.05);

    assertThat(health(facts))
        .containsExactly(RevisionHealth.HEALTHY, RevisionHealth.HEALTHY, RevisionHealth.UNHEALTHY);
  }

  @Test
  void aRevisionTheOnsetFellInIsUnhealthy() {
    var facts =
        new RevisionHealthJudge.Facts(
            minutesAgo(30), NOW, List.of(ERRORS), List.of(), List.of(), 0.05);

    assertThat(health(facts).get(1)).isEqualTo(RevisionHealth.UNHEALTHY);
  }

  @Test
  void aRevisionThatRanTooShortBeforeTheOnsetIsUnknown() {
    List<ReadRevision> quick = List.of(rev(1, minutesAgo(20), false), rev(2, minutesAgo(15), true));
    var facts =
        new RevisionHealthJudge.Facts(
            minutesAgo(10), NOW, List.of(ERRORS), List.of(), List.of(), 0.05);

    assertThat(judge.judge(quick, facts).get(0).health()).isEqualTo(RevisionHealth.UNKNOWN);
  }

  @Test
  void nothingSaysAnythingWithoutAnOnset() {
    var facts = new RevisionHealthJudge.Facts(null, NOW, List.of(), List.of(), List.of(), 0.05);

    assertThat(health(facts))
        .containsExactly(RevisionHealth.UNKNOWN, RevisionHealth.UNKNOWN, RevisionHealth.UNKNOWN);
  }

  @Test
  void rangeDataShowingErrorsInAnEarlierWindowMakesItUnhealthyDespiteTheOnset() {
    List<Sample> range =
        List.of(
            new Sample(minutesAgo(70), 0.01),
            new Sample(minutesAgo(40), 0.3),
            new Sample(minutesAgo(30), 0.01),
            new Sample(minutesAgo(5), 0.4));
    var facts =
        new RevisionHealthJudge.Facts(minutesAgo(10), NOW, List.of(ERRORS), List.of(), range, 0.05);

    assertThat(health(facts).get(1)).isEqualTo(RevisionHealth.UNHEALTHY);
  }

  @Test
  void theCurrentRevisionIsUnhealthyWhenTheErrorRatioRoseAfterItRolledOutEvenIfItEasedSince() {
    List<Sample> ratio =
        List.of(
            new Sample(minutesAgo(20), 0.01),
            new Sample(minutesAgo(8), 0.3),
            new Sample(minutesAgo(1), 0.02));
    var facts = new RevisionHealthJudge.Facts(null, NOW, List.of(), List.of(), ratio, 0.05);

    assertThat(health(facts).get(2)).isEqualTo(RevisionHealth.UNHEALTHY);
  }

  @Test
  void theCurrentRevisionIsNotBlamedForErrorsThatEndedBeforeItRolledOut() {
    List<Sample> ratio =
        List.of(
            new Sample(minutesAgo(20), 0.3),
            new Sample(minutesAgo(8), 0.01),
            new Sample(minutesAgo(1), 0.02));
    var facts = new RevisionHealthJudge.Facts(null, NOW, List.of(), List.of(), ratio, 0.05);

    assertThat(health(facts).get(2)).isNotEqualTo(RevisionHealth.UNHEALTHY);
  }
}
