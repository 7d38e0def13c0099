package io.backstop.escalation.paging;

import io.backstop.escalation.RetryPolicy;
import io.backstop.escalation.Sleeper;
import io.backstop.events.codec.EventCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A client for the PagerDuty Events API v2 ({@code POST <url>/v2/enqueue}); any
 * Events-v2-compatible receiver works. 2xx is delivered. 429, 5xx, timeouts and connection failures
 * are retried with the {@link RetryPolicy}, honouring {@code Retry-After}; other 4xx (an invalid
 * event, a bad routing key) are not, since sending the same bytes again cannot succeed. A page that
 * is not delivered is returned as such, never thrown away: the caller dead-letters it.
 */
public final class EventsV2Client {

  private final HttpClient http;
  private final URI enqueue;
  private final Duration requestTimeout;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final Clock clock;

  public EventsV2Client(
      URI baseUrl, Duration requestTimeout, RetryPolicy retry, Sleeper sleeper, Clock clock) {
    this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
    String base = baseUrl.toString().replaceAll("/+$", "");
    this.enqueue = URI.create(base.endsWith("/v2/enqueue") ? base : base + "/v2/enqueue");
    this.requestTimeout = requestTimeout;
    this.retry = retry;
    this.sleeper = sleeper;
    this.clock = clock;
  }

  public PageResult send(PagerEvent event) {
    byte[] body = EventCodec.mapper().writeValueAsBytes(event.body());
    Attempt last = null;
    for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
      last = once(body);
      if (last.delivered()) {
        return new PageResult(true, attempt, last.status(), last.detail());
      }
      if (!last.retryable() || attempt == retry.maxAttempts()) {
        return new PageResult(false, attempt, last.status(), last.detail());
      }
      if (!pause(retry.delay(attempt, last.retryAfter().orElse(null)))) {
        return new PageResult(false, attempt, last.status(), "interrupted; " + last.detail());
      }
    }
    throw new IllegalStateException("unreachable: retry loop ended without a result " + last);
  }

  private Attempt once(byte[] body) {
    HttpRequest request =
        HttpRequest.newBuilder(enqueue)
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      int status = response.statusCode();
      String detail = status + " " + abbreviate(response.body());
      boolean retryable = status == 429 || status >= 500;
      Optional<Duration> retryAfter =
          response.headers().firstValue("Retry-After").flatMap(this::retryAfter);
      return new Attempt(status / 100 == 2, retryable, status, detail, retryAfter);
    } catch (IOException e) {
      return new Attempt(
          false, true, 0, e.getClass().getSimpleName() + ": " + e.getMessage(), Optional.empty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Attempt(false, false, 0, "interrupted", Optional.empty());
    }
  }

  private boolean pause(Duration delay) {
    try {
      sleeper.sleep(delay);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** {@code Retry-After} as delay-seconds or an HTTP date. */
  Optional<Duration> retryAfter(String value) {
    try {
      return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(clock.instant(), at.toInstant());
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }

  private static String abbreviate(String body) {
    String text = body == null ? "" : body.replaceAll("\\s+", " ").strip();
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  private record Attempt(
      boolean delivered,
      boolean retryable,
      int status,
      String detail,
      Optional<Duration> retryAfter) {}
}
