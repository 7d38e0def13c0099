package io.backstop.triage.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Prometheus HTTP API on a JDK {@code HttpServer}: answers {@code /api/v1/query} with a fixed
 * value per query name and {@code /api/v1/query_range} with a series per query name, matching the
 * query by a fragment of its text. Records every form it receives.
 */
public final class StubPrometheus implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, Double> values = new HashMap<>();
  private final Map<String, List<Sample>> ranges = new HashMap<>();
  private final Map<String, List<Series>> labelled = new java.util.LinkedHashMap<>();
  final List<Map<String, String>> requests = new ArrayList<>();
  private volatile int status = 200;

  public StubPrometheus() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/query", this::instant);
    server.createContext("/api/v1/query_range", this::range);
    server.start();
  }

  /** Every form received so far (query, time or start, end and step). */
  public List<Map<String, String>> requests() {
    return List.copyOf(requests);
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  public StubPrometheus value(String fragment, double value) {
    values.put(fragment, value);
    return this;
  }

  public StubPrometheus range(String fragment, List<Sample> samples) {
    ranges.put(fragment, samples);
    return this;
  }

  /** Several labelled series for range queries containing the fragment; checked first. */
  public StubPrometheus series(String fragment, List<Series> series) {
    labelled.put(fragment, series);
    return this;
  }

  public void failWith(int httpStatus) {
    status = httpStatus;
  }

  private void instant(HttpExchange exchange) throws IOException {
    Map<String, String> form = form(exchange);
    String result =
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
    answer(
        exchange,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":" + result + "}}");
  }

  private void range(HttpExchange exchange) throws IOException {
    Map<String, String> form = form(exchange);
    var many =
        labelled.entrySet().stream()
            .filter(e -> form.get("query").contains(e.getKey()))
            .findFirst();
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
        ranges.entrySet().stream()
            .filter(e -> form.get("query").contains(e.getKey()))
            .findFirst()
            .map(e -> "[{\"metric\":{\"job\":\"x\"},\"values\":[" + values(e.getValue()) + "]}]")
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
  }
}
