package io.backstop.modelsim.http;

import com.sun.net.httpserver.HttpExchange;
import io.backstop.modelsim.answer.Replies;
import io.backstop.modelsim.answer.Reply;
import java.util.Optional;

/** Bearer authentication as OpenAI answers it: a missing or wrong key is a 401. */
final class ApiKeyCheck {

  private final String apiKey;
  private final Replies replies;

  ApiKeyCheck(String apiKey, Replies replies) {
    this.apiKey = apiKey;
    this.replies = replies;
  }

  /** The 401 to send, or empty when the request carries the right key. */
  Optional<Reply> refusal(HttpExchange exchange) {
    String given = Exchanges.bearer(exchange);
    if (given == null || given.isEmpty()) {
      return Optional.of(
          replies.error(
              401,
              "You didn't provide an API key. You need to provide your API key in an Authorization"
                  + " header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
              "invalid_request_error",
              null));
    }
    if (!Exchanges.sameKey(apiKey, given)) {
      return Optional.of(
          replies.error(
              401,
              "Incorrect API key provided: " + masked(given) + ".",
              "invalid_request_error",
              "invalid_api_key"));
    }
    return Optional.empty();
  }

  private static String masked(String key) {
    return key.length() <= 8
        ? "****"
        : key.substring(0, 3) + "****" + key.substring(key.length() - 4);
  }
}
