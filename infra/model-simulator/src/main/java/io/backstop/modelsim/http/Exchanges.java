package io.backstop.modelsim.http;

import com.sun.net.httpserver.HttpExchange;
import io.backstop.modelsim.answer.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Writing replies to and reading credentials from a JDK HttpServer exchange. */
final class Exchanges {

  private Exchanges() {}

  /** Sends {@code reply}; a client that has gone away (it timed out) is not an error here. */
  static void send(HttpExchange exchange, Reply reply) {
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    sendJson(exchange, reply.status(), reply.body());
  }

  static void sendJson(HttpExchange exchange, int status, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    } catch (IOException clientGone) {
      // The caller stopped waiting (a slow answer past its timeout): nothing left to tell it.
    }
  }

  /** The bearer token sent, or null when there is none. */
  static String bearer(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).strip();
  }

  static boolean sameKey(String expected, String given) {
    return given != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] body(HttpExchange exchange) throws IOException {
    try (var in = exchange.getRequestBody()) {
      return in.readAllBytes();
    }
  }
}
