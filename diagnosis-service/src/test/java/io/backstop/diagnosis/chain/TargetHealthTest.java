package io.backstop.diagnosis.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.fixtures.Fixtures;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TargetHealthTest {

  private static final RuntimeException FAILURE = new IllegalStateException("HTTP 500");

  @Test
  void oneRateLimitAmongSuccessesDoesNotOpenTheDefaultBreaker() {
    CircuitBreaker breaker =
        new TargetHealth(ChainSettings.defaults(), Fixtures.CLOCK).breaker("t");

    breaker.onError(5, TimeUnit.MILLISECONDS, FAILURE);
    breaker.onSuccess(5, TimeUnit.MILLISECONDS);
    breaker.onSuccess(5, TimeUnit.MILLISECONDS);
    breaker.onSuccess(5, TimeUnit.MILLISECONDS);

    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void opensAfterTheMinimumCallsAllFailedAndCoolsDownForFiveMinutes() {
    TargetHealth health = new TargetHealth(ChainSettings.defaults(), Fixtures.CLOCK);
    CircuitBreaker breaker = health.breaker("t");
    for (int i = 0; i < 4; i++) {
      assertThat(breaker.tryAcquirePermission()).isTrue();
      breaker.onError(5, TimeUnit.MILLISECONDS, FAILURE);
    }

    assertThat(health.open("t")).isTrue();
    assertThat(breaker.tryAcquirePermission()).isFalse();
  }

  @Test
  void letsOneTrialCallThroughOnlyAfterTheCooldown() {
    var settings = ChainSettings.defaults();
    CircuitBreaker early =
        tripped(settings, Fixtures.NOW.plus(Duration.ofMinutes(5)).minusSeconds(1));
    CircuitBreaker late =
        tripped(settings, Fixtures.NOW.plus(Duration.ofMinutes(5)).plusSeconds(1));

    assertThat(early.tryAcquirePermission()).isFalse();
    assertThat(late.tryAcquirePermission()).isTrue();
    assertThat(late.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    assertThat(late.tryAcquirePermission()).isFalse();
  }

  private static CircuitBreaker tripped(ChainSettings settings, java.time.Instant checkedAt) {
    var clock =
        new Clock() {
          java.time.Instant now = Fixtures.NOW;

          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public java.time.Instant instant() {
            return now;
          }
        };
    CircuitBreaker breaker = new TargetHealth(settings, clock).breaker("t");
    for (int i = 0; i < 4; i++) {
      breaker.onError(5, TimeUnit.MILLISECONDS, FAILURE);
    }
    clock.now = checkedAt;
    return breaker;
  }
}
