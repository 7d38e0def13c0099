package io.backstop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.bench.Figure.Target;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the bench summarises samples and judges figures against their targets (no timing). */
class FiguresTest {

  @Test
  void percentilesAreNearestRankOverTheSamples() {
    long[] samples = new long[100];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (100 - i) * 1_000_000L;
    }

    Distribution d = Distribution.of(samples);

    assertThat(d.count()).isEqualTo(100);
    assertThat(d.p50Millis()).isEqualTo(50.0);
    assertThat(d.p99Millis()).isEqualTo(99.0);
    assertThat(d.max()).isEqualTo(100_000_000L);
    assertThat(Distribution.of(new long[0])).isEqualTo(Distribution.EMPTY);
    assertThat(Distribution.of(List.of(7_000L)).p99Micros()).isEqualTo(7.0);
  }

  @Test
  void aTargetRelativeToTheFloorIsJudgedOnTheRatioNotTheValue() {
    Figure within = new Figure("e2e.p50", "e2e p50", 60, "ms", 1.4, Target.atMostFloor(1.5), "");
    Figure over = new Figure("e2e.p50", "e2e p50", 60, "ms", 1.6, Target.atMostFloor(1.5), "");
    Figure noFloor = new Figure("e2e.p50", "e2e p50", 1, "ms", null, Target.atMostFloor(1.5), "");

    assertThat(within.met()).isTrue();
    assertThat(over.met()).isFalse();
    assertThat(noFloor.met()).as("no floor measured: the target cannot be met").isFalse();
  }

  @Test
  void absoluteTargetsAndFiguresWithoutATarget() {
    assertThat(new Figure("k", "rate", 5_000, "alerts/s", null, Target.atLeast(5000), "").met())
        .isTrue();
    assertThat(new Figure("k", "lost", 1, "", null, Target.atMost(0), "").met()).isFalse();
    assertThat(new Figure("k", "incidents", 10, "", null, Target.exactly(10), "").met()).isTrue();
    assertThat(new Figure("k", "floor", 9, "ms", null, null, "").met()).isNull();
  }

  @Test
  void theTablePrintsEachFigureBesideAnEarlierRunAndSaysWhichTargetsAreMissed(@TempDir Path dir) {
    BenchReport before =
        new BenchReport(
            "test machine",
            Instant.parse("2026-12-01T00:00:00Z"),
            "before",
            List.of(
                new Figure("review.p99", "review p99", 114, "us", null, Target.atMost(50), "")));
    Path file = dir.resolve("before.json");
    before.write(file);
    BenchReport after =
        new BenchReport(
            "test machine",
            Instant.parse("2026-12-02T00:00:00Z"),
            "after",
            List.of(new Figure("review.p99", "review p99", 42, "us", null, Target.atMost(50), "")));

    String table = after.table(Optional.of(BenchReport.read(file)));

    assertThat(table.lines().toList()).hasSize(2);
    assertThat(table.lines().toList().get(1))
        .contains("review p99", "114 us", "42 us", "<= 50 us", "yes");
    assertThat(before.table(Optional.empty())).contains("NO");
  }
}
