package io.backstop.stream.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void readsDelaySecondsIncludingFractions() {
    assertThat(RetryAfter.parse("7", CLOCK)).hasValue(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse(" 0.25 ", CLOCK)).hasValue(Duration.ofMillis(250));
    assertThat(RetryAfter.seconds("2")).hasValue(Duration.ofSeconds(2));
  }

  @Test
  void readsAnHttpDateAgainstTheClockAndAPastDateAsNow() {
    assertThat(RetryAfter.parse("Tue, 24 Nov 2026 10:00:30 GMT", CLOCK))
        .hasValue(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Tue, 24 Nov 2026 09:00:00 GMT", CLOCK)).hasValue(Duration.ZERO);
  }

  @Test
  void aCallerWithoutAClockDoesNotHonourAnHttpDate() {
    assertThat(RetryAfter.seconds("Tue, 24 Nov 2026 10:00:30 GMT")).isEmpty();
  }

  @Test
  void readsMillisecondsForTheRetryAfterMsHeader() {
    assertThat(RetryAfter.millis("1500")).hasValue(Duration.ofMillis(1500));
  }

  @Test
  void aNegativeAMissingOrAnUnreadableValueIsNoValue() {
    assertThat(RetryAfter.parse("-3", CLOCK)).isEmpty();
    assertThat(RetryAfter.parse("soon", CLOCK)).isEmpty();
    assertThat(RetryAfter.parse(null, CLOCK)).isEmpty();
    assertThat(RetryAfter.seconds("NaN")).isEmpty();
    assertThat(RetryAfter.millis("Infinity")).isEmpty();
  }
}
