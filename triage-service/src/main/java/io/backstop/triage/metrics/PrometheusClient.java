package io.backstop.triage.metrics;

import io.backstop.events.codec.EventCodec;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A client of the Prometheus HTTP API: {@code /api/v1/query} and {@code /api/v1/query_range}, form
 * encoded POST, each request bounded by the timeout. Only vector and matrix results are read. Every
 * request goes out on the JDK client's asynchronous path; the blocking forms wait for it.
 */
public final class PrometheusClient {

  private final URI base;
  private final Duration timeout;
  private final HttpClient http;

  public PrometheusClient(URI base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** {@link #queryAsync}, waiting for the answer. */
  public List<Series> query(String promql, Instant at) {
    return await(promql, queryAsync(promql, at));
  }

  /** {@link #queryRangeAsync}, waiting for the answer. */
  public List<Series> queryRange(String promql, Instant start, Instant end, Duration step) {
    return await(promql, queryRangeAsync(promql, start, end, step));
  }

  /**
   * {@link #query}, without holding a thread while Prometheus answers: the future fails with a
   * {@link PrometheusException} (possibly wrapped in a {@link CompletionException}) where the
   * blocking call would throw one. Several queries of one gathering are sent side by side this way.
   */
  public CompletableFuture<List<Series>> queryAsync(String promql, Instant at) {
    return sendAsync(promql, "/api/v1/query", instantForm(promql, at));
  }

  /** {@link #queryRange}, without holding a thread; see {@link #queryAsync}. */
  public CompletableFuture<List<Series>> queryRangeAsync(
      String promql, Instant start, Instant end, Duration step) {
    return sendAsync(promql, "/api/v1/query_range", rangeForm(promql, start, end, step));
  }

  /** The {@link PrometheusException} a failed future of this client holds, unwrapped. */
  public static PrometheusException failure(String promql, Throwable t) {
    Throwable cause = t;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof PrometheusException p) {
      return p;
    }
    return new PrometheusException(
        promql, cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
  }

  private static Map<String, String> instantForm(String promql, Instant at) {
    return Map.of("query", promql, "time", seconds(at));
  }

  private static Map<String, String> rangeForm(
      String promql, Instant start, Instant end, Duration step) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("query", promql);
    form.put("start", seconds(start));
    form.put("end", seconds(end));
    form.put("step", step.toSeconds() + "s");
    return form;
  }

  private HttpRequest request(String path, Map<String, String> form) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(timeout)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
        .build();
  }

  private static List<Series> await(String promql, CompletableFuture<List<Series>> answer) {
    try {
      return answer.get();
    } catch (ExecutionException e) {
      throw failure(promql, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer.cancel(true);
      throw new PrometheusException(promql, "interrupted", e);
    }
  }

  private CompletableFuture<List<Series>> sendAsync(
      String promql, String path, Map<String, String> form) {
    return http.sendAsync(request(path, form), HttpResponse.BodyHandlers.ofByteArray())
        .handle(
            (response, failed) -> {
              if (failed != null) {
                Throwable cause =
                    failed instanceof CompletionException && failed.getCause() != null
                        ? failed.getCause()
                        : failed;
                throw new PrometheusException(
                    promql, cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
              }
              return answer(promql, response);
            });
  }

  private static List<Series> answer(String promql, HttpResponse<byte[]> response) {
    if (response.statusCode() != 200) {
      throw new PrometheusException(promql, "HTTP " + response.statusCode(), null);
    }
    return parse(promql, response.body());
  }

  static List<Series> parse(String promql, byte[] body) {
    JsonNode root;
    try {
      root = EventCodec.mapper().readTree(body);
    } catch (JacksonException e) {
      throw new PrometheusException(promql, "answer is not JSON", e);
    }
    if (!"success".equals(root.path("status").asString(""))) {
      throw new PrometheusException(
          promql, "status " + root.path("error").asString("unknown"), null);
    }
    List<Series> series = new ArrayList<>();
    for (JsonNode result : root.path("data").path("result")) {
      Map<String, String> labels = new LinkedHashMap<>();
      result
          .path("metric")
          .properties()
          .forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
      List<Sample> samples = new ArrayList<>();
      if (result.has("value")) {
        samples.add(sample(result.get("value")));
      }
      for (JsonNode value : result.path("values")) {
        samples.add(sample(value));
      }
      series.add(new Series(labels, samples));
    }
    return series;
  }

  private static Sample sample(JsonNode pair) {
    double seconds = pair.get(0).asDouble();
    Instant at = Instant.ofEpochMilli(Math.round(seconds * 1000));
    return new Sample(at, number(pair.get(1).asString()));
  }

  private static double number(String text) {
    return switch (text) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  private static String seconds(Instant at) {
    return String.valueOf(at.getEpochSecond());
  }

  private static String encode(Map<String, String> form) {
    StringBuilder s = new StringBuilder();
    form.forEach(
        (k, v) -> {
          if (s.length() > 0) {
            s.append('&');
          }
          s.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    return s.toString();
  }
}
