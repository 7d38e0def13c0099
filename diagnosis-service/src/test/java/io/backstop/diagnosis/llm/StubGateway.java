package io.backstop.diagnosis.llm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.backstop.events.codec.EventCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible chat completions endpoint on loopback, scripted per model: each model
 * answers from its queue of replies, then with its default. Records every request it receives.
 */
public final class StubGateway implements AutoCloseable {

  public record Reply(int status, Map<String, String> headers, String body, Duration delay) {}

  public record Seen(String model, String body, Instant at) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
  private final Map<String, Reply> defaults = new ConcurrentHashMap<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();

  private StubGateway() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public static StubGateway start() throws IOException {
    return new StubGateway();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** From now on, {@code model} answers with this reply once its script is used up. */
  public void always(String model, Reply reply) {
    defaults.put(model, reply);
  }

  /** The next replies of {@code model}, in order. */
  public void script(String model, Reply... replies) {
    scripts.computeIfAbsent(model, m -> new ArrayDeque<>()).addAll(List.of(replies));
  }

  public List<Seen> requests(String model) {
    return seen.stream().filter(s -> s.model().equals(model)).toList();
  }

  public List<Seen> requests() {
    return List.copyOf(seen);
  }

  public static Reply completion(String content, int promptTokens, int completionTokens) {
    var body = EventCodec.mapper().createObjectNode();
    body.put("id", "chatcmpl-stub");
    body.put("object", "chat.completion");
    body.put("created", 1764000000L);
    body.put("model", "stub");
    var choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    choice.put("finish_reason", "stop");
    var message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", content);
    var usage = body.putObject("usage");
    usage.put("prompt_tokens", promptTokens);
    usage.put("completion_tokens", completionTokens);
    usage.put("total_tokens", promptTokens + completionTokens);
    return new Reply(200, Map.of(), body.toString(), Duration.ZERO);
  }

  public static Reply error(int status, Map<String, String> headers) {
    String body = "{\"error\":{\"message\":\"stub says " + status + "\",\"type\":\"stub_error\"}}";
    return new Reply(status, headers, body, Duration.ZERO);
  }

  public static Reply slow(Reply reply, Duration delay) {
    return new Reply(reply.status(), reply.headers(), reply.body(), delay);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String model = EventCodec.mapper().readTree(body).path("model").asString("");
      seen.add(new Seen(model, body, Instant.now()));
      Reply reply = next(model);
      sleep(reply.delay());
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(reply.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException clientGone) {
      // The client timed out and closed the connection: nothing left to answer.
    }
  }

  private Reply next(String model) {
    Deque<Reply> script = scripts.get(model);
    Reply scripted = script == null ? null : script.pollFirst();
    if (scripted != null) {
      return scripted;
    }
    return defaults.getOrDefault(model, error(404, Map.of()));
  }

  private static void sleep(Duration delay) {
    if (delay.isZero()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
