package io.backstop.triage.evidence;

import static io.backstop.events.fixtures.Fixtures.NOW;
import static io.backstop.events.fixtures.Fixtures.minutesAgo;
import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.fixtures.Signals;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RevisionHealth;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.SymptomKind;
import io.backstop.triage.kubernetes.PodObservation;
import io.backstop.triage.kubernetes.Rollouts.ReadRevision;
import io.backstop.triage.metrics.MetricsGatherer.WindowPeak;
import io.backstop.triage.metrics.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One health window (30 minutes here), healthy only with evidence. Rows: a revision, what the
 * signals say, the health triage must give it and a word its reason must contain.
 */
class RevisionHealthJudgeTest {

  static final Duration WINDOW = Duration.ofMinutes(30);

  final RevisionHealthJudge judge =
      new RevisionHealthJudge(new RevisionHealthJudge.HealthSettings(WINDOW, true));
  final RevisionHealthJudge strict =
      new RevisionHealthJudge(new RevisionHealthJudge.HealthSettings(WINDOW, false));

  static ReadRevision rev(long n, Instant deployed, boolean current, int replicas, int ready) {
    return new ReadRevision(
        "rs-" + n,
        Revision.builder()
            .revision(n)
            .image("img:" + n)
            .deployedAt(deployed)
            .current(current)
            .health(RevisionHealth.UNKNOWN)
            .build(),
        replicas,
        ready,
        List.of(),
        "");
  }

  static ReadRevision rolledBackTo(long n, Instant deployed, long was) {
    return new ReadRevision(
        "rs-" + n,
        Revision.builder()
            .revision(n)
            .image("img:" + was)
            .deployedAt(deployed)
            .current(true)
            .health(RevisionHealth.UNKNOWN)
            .build(),
        3,
        3,
        List.of(was),
        "");
  }

  static PodObservation pod(String rs, String waiting, boolean ready) {
    return new PodObservation(
        rs + "-pod",
        "app",
        "Running",
        ready,
        waiting == null ? 0 : 5,
        waiting,
        null,
        null,
        "img",
        rs,
        minutesAgo(11));
  }

  static Symptom symptom(SymptomKind kind, Instant since) {
    return new Symptom(kind, Signals.CHECKOUT, since, List.of(), "");
  }

  /** Every 30 s from {@code from} minutes ago to now, at {@code value}, with spikes. */
  static List<Sample> ratio(long fromMinutesAgo, double value, long spikeMinutesAgo) {
    List<Sample> out = new ArrayList<>();
    for (long s = fromMinutesAgo * 60; s >= 0; s -= 30) {
      boolean spike = spikeMinutesAgo >= 0 && s / 60 == spikeMinutesAgo;
      out.add(new Sample(NOW.minusSeconds(s), spike ? 0.4 : value));
    }
    return out;
  }

  record Row(
      String name,
      List<ReadRevision> history,
      RevisionHealthJudge.Facts facts,
      int index,
      RevisionHealth want,
      String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static RevisionHealthJudge.Facts facts(
      Instant onset, List<Symptom> symptoms, List<PodObservation> pods, List<Sample> ratio) {
    return new RevisionHealthJudge.Facts(onset, NOW, symptoms, pods, ratio, 0.05);
  }

  static final List<ReadRevision> DAYS =
      List.of(
          rev(1, minutesAgo(60 * 24 * 9), false, 0, 0),
          rev(2, minutesAgo(60 * 24 * 3), false, 0, 0),
          rev(3, minutesAgo(12), true, 3, 0));

  static Stream<Row> rows() {
    var crash = List.of(symptom(SymptomKind.CRASH_LOOP, minutesAgo(11)));
    var looping = List.of(pod("rs-3", "CrashLoopBackOff", false));
    return Stream.of(
        new Row(
            "current revision whose pods crash-loop is unhealthy",
            DAYS,
            facts(minutesAgo(11), crash, looping, List.of()),
            2,
            RevisionHealth.UNHEALTHY,
            "crash-loop"),
        new Row(
            "current revision never ready is unhealthy",
            DAYS,
            facts(minutesAgo(11), List.of(), List.of(pod("rs-3", null, false)), List.of()),
            2,
            RevisionHealth.UNHEALTHY,
            "never became ready"),
        new Row(
            "earlier revision that ran days and was replaced before the onset: healthy by the record",
            DAYS,
            facts(minutesAgo(11), crash, looping, List.of()),
            1,
            RevisionHealth.HEALTHY,
            "rollout record"),
        new Row(
            "the same without accepting the rollout record is unknown",
            DAYS,
            facts(minutesAgo(11), crash, looping, List.of()),
            -1,
            RevisionHealth.UNKNOWN,
            "no error signal covers"),
        new Row(
            "earlier revision that ran less than the window is unknown, however it ended",
            List.of(
                rev(1, minutesAgo(60 * 24), false, 0, 0),
                rev(2, minutesAgo(40), false, 0, 0),
                rev(3, minutesAgo(25), true, 3, 0)),
            facts(minutesAgo(11), crash, looping, List.of()),
            1,
            RevisionHealth.UNKNOWN,
            "less than the 30m"),
        new Row(
            "earlier revision whose rollout never completed is unhealthy",
            List.of(
                rev(1, minutesAgo(60 * 24), false, 2, 2),
                rev(2, minutesAgo(200), false, 0, 0),
                rev(3, minutesAgo(12), true, 1, 0)),
            facts(minutesAgo(11), crash, looping, List.of()),
            1,
            RevisionHealth.UNHEALTHY,
            "never completed"),
        new Row(
            "earlier revision rolled back from is unhealthy",
            List.of(
                rev(2, minutesAgo(60 * 24), false, 0, 0),
                rev(3, minutesAgo(300), false, 0, 0),
                rolledBackTo(4, minutesAgo(100), 1)),
            facts(null, List.of(), List.of(), List.of()),
            1,
            RevisionHealth.UNHEALTHY,
            "rolled back from"),
        new Row(
            "earlier revision the onset fell in is unhealthy",
            List.of(
                rev(1, minutesAgo(60 * 24), false, 0, 0),
                rev(2, minutesAgo(90), false, 0, 0),
                rev(3, minutesAgo(12), true, 3, 0)),
            facts(minutesAgo(30), crash, looping, List.of()),
            1,
            RevisionHealth.UNHEALTHY,
            "began"),
        new Row(
            "error signal covering the window under the threshold: healthy by evidence",
            List.of(
                rev(1, minutesAgo(60 * 24), false, 0, 0),
                rev(2, minutesAgo(55), false, 0, 0),
                rev(3, minutesAgo(12), true, 3, 0)),
            facts(minutesAgo(11), crash, looping, ratio(60, 0.001, -1)),
            1,
            RevisionHealth.HEALTHY,
            "under 0.050 for the 30m"),
        new Row(
            "an error spike while it ran makes an earlier revision unhealthy despite the onset",
            List.of(
                rev(1, minutesAgo(60 * 24), false, 0, 0),
                rev(2, minutesAgo(55), false, 0, 0),
                rev(3, minutesAgo(12), true, 3, 0)),
            facts(minutesAgo(11), crash, looping, ratio(60, 0.001, 40)),
            1,
            RevisionHealth.UNHEALTHY,
            "while it ran"),
        new Row(
            "the current revision is blamed for errors that rose after it rolled out",
            DAYS,
            facts(null, List.of(), List.of(), ratio(20, 0.001, 8)),
            2,
            RevisionHealth.UNHEALTHY,
            "after it rolled out"),
        new Row(
            "a current revision running less than the window is unknown",
            DAYS,
            facts(null, List.of(), List.of(pod("rs-3", null, true)), ratio(20, 0.001, -1)),
            2,
            RevisionHealth.UNKNOWN,
            "running 12m"),
        new Row(
            "no onset and no metrics: an earlier revision is unknown",
            DAYS,
            facts(null, List.of(), List.of(), List.of()),
            1,
            RevisionHealth.UNKNOWN,
            "no onset"),
        new Row(
            "a healthy leg's 4-day-old revision replaced before the incident began: healthy by the"
                + " record",
            LEG,
            leg(minutesAgo(10), List.of(pod("rs-5", null, true))),
            0,
            RevisionHealth.HEALTHY,
            "before the anomaly of the incident"),
        new Row(
            "a leg's revision replaced after the incident began stays unknown, never unhealthy for"
                + " another workload's anomaly",
            List.of(
                rev(4, minutesAgo(60 * 24 * 4), false, 0, 0), rev(5, minutesAgo(3), true, 2, 2)),
            leg(minutesAgo(10), List.of()),
            0,
            RevisionHealth.UNKNOWN,
            "replaced after the anomaly began"),
        new Row(
            "a leg's old revision whose own pods still crash-loop is unhealthy whatever the onset",
            LEG,
            leg(minutesAgo(10), List.of(pod("rs-4", "CrashLoopBackOff", false))),
            0,
            RevisionHealth.UNHEALTHY,
            "crash-loop"),
        new Row(
            "a leg with no incident onset either: unknown",
            LEG,
            leg(null, List.of()),
            0,
            RevisionHealth.UNKNOWN,
            "no onset"));
  }

  /** A release-train leg: revision 4 ran four days, revision 5 (the train's build) 11 minutes. */
  static final List<ReadRevision> LEG =
      List.of(rev(4, minutesAgo(60 * 24 * 4), false, 0, 0), rev(5, minutesAgo(11), true, 2, 2));

  /** A workload with no anomaly of its own, in an incident that began at {@code incidentOnset}. */
  static RevisionHealthJudge.Facts leg(Instant incidentOnset, List<PodObservation> pods) {
    return new RevisionHealthJudge.Facts(
        null, NOW, List.of(), pods, List.of(), 0.05, Map.of(), incidentOnset);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void judgesEachRevisionByTheOneHealthWindowWithItsReason(Row row) {
    RevisionHealthJudge j = row.index() < 0 ? strict : judge;
    int index = row.index() < 0 ? 1 : row.index();

    Revision judged = j.judge(row.history(), row.facts()).get(index);

    assertThat(judged.health()).isEqualTo(row.want());
    assertThat(judged.healthReason()).contains(row.reason());
  }

  @Test
  void aCurrentRevisionRunningTheWholeWindowWithReadyPodsAndQuietErrorsIsHealthy() {
    List<ReadRevision> history =
        List.of(rev(1, minutesAgo(60 * 24), false, 0, 0), rev(2, minutesAgo(50), true, 3, 3));

    Revision current =
        judge.judge(history, facts(null, List.of(), List.of(), ratio(60, 0.002, -1))).get(1);

    assertThat(current.health()).isEqualTo(RevisionHealth.HEALTHY);
    assertThat(current.healthReason()).contains("pods ready (3/3)").contains("whole 30m window");
  }

  @Test
  void aWindowedQueryShowingAPeakAboveTheThresholdMakesAnEarlierRevisionUnhealthy() {
    var facts =
        new RevisionHealthJudge.Facts(
            minutesAgo(11),
            NOW,
            List.of(),
            List.of(),
            List.of(),
            0.05,
            Map.of(2L, new WindowPeak(0.3, 1.0), 1L, new WindowPeak(0.001, 0.95)));

    List<Revision> judged = judge.judge(DAYS, facts);

    assertThat(judged.get(1).health()).isEqualTo(RevisionHealth.UNHEALTHY);
    assertThat(judged.get(0).health()).isEqualTo(RevisionHealth.HEALTHY);
    assertThat(judged.get(0).healthReason()).contains("error signal at most 0.001");
  }

  @Test
  void keepsTheRevisionsOwnFieldsWhenItJudges() {
    var history =
        List.of(
            new ReadRevision(
                "rs-1",
                Revision.builder()
                    .revision(1)
                    .image("img:1")
                    .gitSha("9c41d0e5b7a3")
                    .deployedAt(minutesAgo(60 * 24))
                    .changeCause("deploy")
                    .current(false)
                    .health(RevisionHealth.UNKNOWN)
                    .shaOrigin(io.backstop.events.signal.ShaOrigin.OWN)
                    .podTemplateHash("7d9f8c6b5")
                    .build(),
                0),
            rev(2, minutesAgo(12), true, 3, 0));

    Revision judged =
        judge.judge(history, facts(minutesAgo(11), List.of(), List.of(), List.of())).get(0);

    assertThat(judged.podTemplateHash()).isEqualTo("7d9f8c6b5");
    assertThat(judged.shaOrigin()).isEqualTo(io.backstop.events.signal.ShaOrigin.OWN);
  }
}
