package io.backstop.triage.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Prometheus HTTP API on a JDK {@code HttpServer}: answers {@code /api/v1/query} with a fixed
 * value per query name and {@code /api/v1/query_range} with a series per query name, matching the
 * query by a fragment of its text. Records every form it receives. Requests are served on a pool,
 * so several can be in flight at once: {@link #maxInFlight} says how many were, {@link #delay}
 * holds back the answers to some queries, and {@link #gather} holds each request until a number of
 * them are in flight together (or a bound has passed), which shows whether a client sends its
 * queries side by side.
 */
public final class StubPrometheus implements AutoCloseable {

  static {
    // The JDK server leaves Nagle's algorithm on unless told: every answer would wait ~40 ms for
    // the client's delayed acknowledgement (Prometheus itself sets TCP_NODELAY). Read once, when
    // the JVM creates its first HttpServer.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final Map<String, Double> values = new HashMap<>();
  private final Map<String, List<Sample>> ranges = new HashMap<>();
  private final Map<String, List<Series>> labelled = new java.util.LinkedHashMap<>();
  final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Duration> delays = new ConcurrentHashMap<>();
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final Object gate = new Object();
  private int inFlight;
  private int maxInFlight;
  private int gatherUntil;
  private boolean gathered;
  private Duration gatherAtMost = Duration.ZERO;
  private volatile int status = 200;

  public StubPrometheus() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/query", exchange -> served(exchange, this::instant));
    server.createContext("/api/v1/query_range", exchange -> served(exchange, this::range));
    server.setExecutor(pool);
    server.start();
  }

  /** Answers queries containing {@code fragment} only after {@code delay}. */
  public StubPrometheus delay(String fragment, Duration delay) {
    delays.put(fragment, delay);
    return this;
  }

  /**
   * Holds every request from now on until {@code together} requests are in flight at once, or
   * {@code atMost} has passed since it arrived.
   */
  public StubPrometheus gather(int together, Duration atMost) {
    synchronized (gate) {
      gatherUntil = together;
      gatherAtMost = atMost;
      gathered = false;
      maxInFlight = 0;
    }
    return this;
  }

  /** The most requests in flight at once since the start or the last {@link #gather}. */
  public int maxInFlight() {
    synchronized (gate) {
      return maxInFlight;
    }
  }

  private interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  private void served(HttpExchange exchange, Handler handler) throws IOException {
    synchronized (gate) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // Once enough are in flight together, every held request goes (one answered early must
      // not send the others back to waiting).
      gathered |= inFlight >= gatherUntil;
      gate.notifyAll();
      long until = System.nanoTime() + gatherAtMost.toNanos();
      try {
        while (!gathered && System.nanoTime() < until) {
          gate.wait(Math.max(1, (until - System.nanoTime()) / 1_000_000));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      handler.handle(exchange);
    } finally {
      synchronized (gate) {
        inFlight--;
      }
    }
  }

  private void delayFor(Map<String, String> form) {
    delays.entrySet().stream()
        .filter(e -> form.get("query").contains(e.getKey()))
        .findFirst()
        .ifPresent(
            e -> {
              try {
                Thread.sleep(e.getValue().toMillis());
              } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
              }
            });
  }

  /** Every form received so far (query, time or start, end and step). */
  public List<Map<String, String>> requests() {
    return List.copyOf(requests);
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  public synchronized StubPrometheus value(String fragment, double value) {
    values.put(fragment, value);
    return this;
  }

  public synchronized StubPrometheus range(String fragment, List<Sample> samples) {
    ranges.put(fragment, samples);
    return this;
  }

  /** Several labelled series for range queries containing the fragment; checked first. */
  public synchronized StubPrometheus series(String fragment, List<Series> series) {
    labelled.put(fragment, series);
    return this;
  }

  public void failWith(int httpStatus) {
    status = httpStatus;
  }

  private void instant(HttpExchange exchange) throws IOException {
    Map<String, String> form = form(exchange);
    delayFor(form);
    String result;
    synchronized (this) {
      result =
          values.entrySet().stream()
              .filter(e -> form.get("query").contains(e.getKey()))
              .findFirst()
              .map(
                  e ->
                      "[{\"metric\":{},\"value\":["
                          + form.get("time")
                          + ",\""
                          + e.getValue()
                          + "\"]}]")
              .orElse("[]");
    }
    answer(
        exchange,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":" + result + "}}");
  }

  private void range(HttpExchange exchange) throws IOException {
    Map<String, String> form = form(exchange);
    delayFor(form);
    Optional<Map.Entry<String, List<Series>>> many;
    Optional<Map.Entry<String, List<Sample>>> one;
    synchronized (this) {
      many =
          labelled.entrySet().stream()
              .filter(e -> form.get("query").contains(e.getKey()))
              .findFirst();
      one =
          ranges.entrySet().stream()
              .filter(e -> form.get("query").contains(e.getKey()))
              .findFirst();
    }
    if (many.isPresent()) {
      List<String> parts = new ArrayList<>();
      for (Series s : many.get().getValue()) {
        List<String> labels = new ArrayList<>();
        s.labels().forEach((k, v) -> labels.add("\"" + k + "\":\"" + v + "\""));
        parts.add(
            "{\"metric\":{"
                + String.join(",", labels)
                + "},\"values\":["
                + values(s.samples())
                + "]}");
      }
      answer(
          exchange,
          "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
              + String.join(",", parts)
              + "]}}");
      return;
    }
    String result =
        one.map(e -> "[{\"metric\":{\"job\":\"x\"},\"values\":[" + values(e.getValue()) + "]}]")
            .orElse("[]");
    answer(
        exchange,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":" + result + "}}");
  }

  private static String values(List<Sample> samples) {
    List<String> pairs = new ArrayList<>();
    for (Sample s : samples) {
      pairs.add("[" + s.at().getEpochSecond() + ",\"" + s.value() + "\"]");
    }
    return String.join(",", pairs);
  }

  private Map<String, String> form(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      form.put(
          pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    requests.add(form);
    return form;
  }

  private void answer(HttpExchange exchange, String json) throws IOException {
    byte[] bytes =
        (status == 200 ? json : "{\"status\":\"error\",\"error\":\"boom\"}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /** Samples every 30 seconds from {@code start}, one per value. */
  public static List<Sample> every30s(Instant start, double... values) {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      samples.add(new Sample(start.plusSeconds(30L * i), values[i]));
    }
    return samples;
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
