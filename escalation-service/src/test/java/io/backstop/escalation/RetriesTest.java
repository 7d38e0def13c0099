package io.backstop.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetriesTest {

  private final ScheduledWaits scheduler = new ScheduledWaits();
  private final Retries retries =
      scheduler.retries(4, Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(2));

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  @Test
  void backsOffExponentiallyUpToTheCapAndReturnsTheLastResultWhenAttemptsRunOut() throws Exception {
    AtomicInteger calls = new AtomicInteger();

    String last =
        retries.run(
            "test",
            Duration.ofSeconds(1),
            () -> "failure " + calls.incrementAndGet(),
            r -> true,
            r -> Optional.empty(),
            e -> false);

    assertThat(last).isEqualTo("failure 4");
    assertThat(scheduler.waits())
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300));
  }

  @Test
  void honoursTheReceiversRetryAfterUpToItsBound() throws Exception {
    AtomicInteger calls = new AtomicInteger();

    retries.run(
        "test",
        Duration.ofSeconds(1),
        calls::incrementAndGet,
        n -> n < 3,
        n -> Optional.of(n == 1 ? Duration.ofSeconds(1) : Duration.ofMinutes(5)),
        e -> false);

    assertThat(scheduler.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void retriesAnExceptionItIsToldToAndRethrowsTheLastOne() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                retries.run(
                    "test",
                    Duration.ofSeconds(1),
                    () -> {
                      throw new IllegalStateException("down " + calls.incrementAndGet());
                    },
                    r -> false,
                    r -> Optional.empty(),
                    e -> e instanceof IllegalStateException))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("down 4");
  }

  @Test
  void doesNotRetryAnExceptionItIsNotToldTo() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                retries.run(
                    "test",
                    Duration.ofSeconds(1),
                    () -> {
                      calls.incrementAndGet();
                      throw new IllegalArgumentException("refused");
                    },
                    r -> false,
                    r -> Optional.empty(),
                    e -> e instanceof IllegalStateException))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(calls).hasValue(1);
    assertThat(scheduler.waits()).isEmpty();
  }

  @Test
  void aRetryThatCanNeverBeScheduledEndsInANamedErrorInsteadOfBlockingTheCaller() {
    ScheduledWaits down = new ScheduledWaits();
    down.shutdownNow();
    Retries stranded =
        down.retries(2, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1));

    assertThatThrownBy(
            () ->
                stranded.run(
                    "pager",
                    Duration.ofMillis(5),
                    () -> "failed",
                    r -> true,
                    r -> Optional.empty(),
                    e -> false))
        .isInstanceOf(Retries.RetriesUnfinishedException.class)
        .hasMessageContaining("pager");
  }

  @Test
  void aRetryRejectedOnTheSchedulersThreadEndsInANamedError() {
    ScheduledWaits stopping =
        new ScheduledWaits() {
          @Override
          public java.util.concurrent.ScheduledFuture<?> schedule(
              Runnable command, long delay, java.util.concurrent.TimeUnit unit) {
            if (waits().size() == 1) {
              shutdown();
            }
            return super.schedule(command, delay, unit);
          }
        };
    Retries stranded =
        stopping.retries(3, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1));

    assertThatThrownBy(
            () ->
                stranded.run(
                    "pager",
                    Duration.ofMillis(5),
                    () -> "failed",
                    r -> true,
                    r -> Optional.empty(),
                    e -> false))
        .isInstanceOf(Retries.RetriesUnfinishedException.class)
        .hasMessageContaining("refused the retry");
    stopping.shutdownNow();
  }

  @Test
  void refusesBoundsThatCannotHold() {
    assertThatThrownBy(() -> scheduler.retries(0, Duration.ZERO, Duration.ZERO, Duration.ZERO))
        .hasMessage("maxAttempts must be between 1 and 10, but was 0");
    assertThatThrownBy(
            () -> scheduler.retries(3, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO))
        .hasMessageContaining("0 <= initial <= max");
  }
}
