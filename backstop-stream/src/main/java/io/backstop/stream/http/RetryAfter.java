package io.backstop.stream.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The one reading of a receiver's {@code Retry-After} (RFC 9110 section 10.2.3) for every service
 * that calls out: the pager and the ticket server (escalation), the model gateways (diagnosis). A
 * value that is neither a non-negative number of seconds nor an HTTP date is no value at all, so
 * the caller falls back to its own back-off; a date already past means "now".
 */
public final class RetryAfter {

  private RetryAfter() {}

  /**
   * Delay-seconds (fractions accepted, as some gateways send them) or an HTTP date, which is read
   * against {@code clock}.
   */
  public static Optional<Duration> parse(String value, Clock clock) {
    Optional<Duration> seconds = seconds(value);
    if (seconds.isPresent() || value == null) {
      return seconds;
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration wait = Duration.between(clock.instant(), at.toInstant());
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException notADate) {
      return Optional.empty();
    }
  }

  /** Delay-seconds only: a caller without a clock does not honour an HTTP date. */
  public static Optional<Duration> seconds(String value) {
    return amount(value).map(s -> Duration.ofMillis((long) Math.ceil(s * 1000)));
  }

  /** The {@code retry-after-ms} header some gateways send beside it: milliseconds. */
  public static Optional<Duration> millis(String value) {
    return amount(value).map(ms -> Duration.ofMillis((long) Math.ceil(ms)));
  }

  private static Optional<Double> amount(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      double amount = Double.parseDouble(value.strip());
      return amount < 0 || Double.isNaN(amount) || Double.isInfinite(amount)
          ? Optional.empty()
          : Optional.of(amount);
    } catch (NumberFormatException notANumber) {
      return Optional.empty();
    }
  }
}
