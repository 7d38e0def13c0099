package io.backstop.sandbox.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.sandbox.spec.Health;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PodTimelineTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final long LIMIT = 512L << 20;
  private final PodTimeline timeline =
      new PodTimeline(
          new Timing(Duration.ofSeconds(1), Duration.ofSeconds(10), 1.0, Duration.ofSeconds(5)));

  private static PodRuntime pod(Health health) {
    return new PodRuntime("shop", "p", "app", "app", "img", health, LIMIT, 500, T0);
  }

  @Test
  void podIsPendingUntilItStartsThenHealthyPodsAreReady() {
    assertThat(timeline.at(pod(Health.healthy()), T0.plusMillis(500)).started()).isFalse();
    var running = timeline.at(pod(Health.healthy()), T0.plusSeconds(60));
    assertThat(running.ready()).isTrue();
    assertThat(running.restartCount()).isZero();
  }

  @Test
  void crashLoopBacksOffExponentiallyAndNeverGetsReady() {
    var early = timeline.at(pod(Health.crashLoop()), T0.plusSeconds(1 + 6));
    var later = timeline.at(pod(Health.crashLoop()), T0.plusSeconds(1 + 600));

    assertThat(early.restartCount()).isEqualTo(1);
    assertThat(early.crashLoopBackOff()).isTrue();
    assertThat(early.ready()).isFalse();
    assertThat(early.lastExitCode()).isEqualTo(2);
    assertThat(later.restartCount()).isBetween(5, 8);
  }

  @Test
  void leakGrowsToTheLimitThenIsOomKilled() {
    Health leak = Health.memoryLeak("64Mi");
    var fresh = timeline.at(pod(leak), T0.plusSeconds(2));
    var grown = timeline.at(pod(leak), T0.plusSeconds(1 + 240));
    var killed = timeline.at(pod(leak), T0.plusSeconds(1 + 360));

    assertThat(grown.memoryBytes()).isGreaterThan(fresh.memoryBytes());
    assertThat(grown.restartCount()).isZero();
    assertThat(killed.restartCount()).isEqualTo(1);
    assertThat(killed.lastReason()).isEqualTo("OOMKilled");
    assertThat(killed.lastExitCode()).isEqualTo(137);
    assertThat(killed.memoryBytes()).isLessThan(grown.memoryBytes());
  }
}
