package io.backstop.escalation.paging;

import io.backstop.escalation.Retries;
import io.backstop.events.codec.EventCodec;
import io.backstop.stream.http.RetryAfter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client for the PagerDuty Events API v2 ({@code POST <url>/v2/enqueue}, and change events at
 * {@code <url>/v2/change/enqueue}); any Events-v2-compatible receiver works. 2xx is delivered. 429,
 * 5xx, timeouts and connection failures are retried ({@link Retries}), honouring {@code
 * Retry-After}; other 4xx (an invalid event, a bad routing key) are not, since sending the same
 * bytes again cannot succeed. A page that is not delivered is returned as such, never thrown away:
 * the caller dead-letters it.
 */
public final class EventsV2Client {

  private final HttpClient http;
  private final URI enqueue;
  private final URI changeEnqueue;
  private final Duration requestTimeout;
  private final Retries retries;
  private final Clock clock;

  public EventsV2Client(URI baseUrl, Duration requestTimeout, Retries retries, Clock clock) {
    this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
    String base = baseUrl.toString().replaceAll("/+$", "");
    this.enqueue = URI.create(base.endsWith("/v2/enqueue") ? base : base + "/v2/enqueue");
    String root = base.endsWith("/v2/enqueue") ? base.substring(0, base.length() - 11) : base;
    this.changeEnqueue = URI.create(root + "/v2/change/enqueue");
    this.requestTimeout = requestTimeout;
    this.retries = retries;
    this.clock = clock;
  }

  public PageResult send(PagerEvent event) {
    return deliver(enqueue, EventCodec.mapper().writeValueAsBytes(event.body()));
  }

  /** A change event to {@code <url>/v2/change/enqueue}, with the same retries as a page. */
  public PageResult sendChange(ChangeEvent event) {
    return deliver(changeEnqueue, EventCodec.mapper().writeValueAsBytes(event.body()));
  }

  private PageResult deliver(URI target, byte[] body) {
    AtomicInteger attempts = new AtomicInteger();
    Attempt last;
    try {
      last =
          retries.run(
              "pager",
              requestTimeout.multipliedBy(2),
              () -> {
                attempts.incrementAndGet();
                return once(target, body);
              },
              a -> !a.delivered() && a.retryable(),
              Attempt::retryAfter,
              e -> false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new PageResult(false, attempts.get(), 0, "interrupted while retrying");
    } catch (RuntimeException e) {
      return new PageResult(false, attempts.get(), 0, e.getMessage());
    }
    return new PageResult(last.delivered(), attempts.get(), last.status(), last.detail());
  }

  private Attempt once(URI target, byte[] body) {
    HttpRequest request =
        HttpRequest.newBuilder(target)
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
          response.headers().firstValue("Retry-After").flatMap(v -> RetryAfter.parse(v, clock));
      return new Attempt(status / 100 == 2, retryable, status, detail, retryAfter);
    } catch (IOException e) {
      return new Attempt(
          false, true, 0, e.getClass().getSimpleName() + ": " + e.getMessage(), Optional.empty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Attempt(false, false, 0, "interrupted", Optional.empty());
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
