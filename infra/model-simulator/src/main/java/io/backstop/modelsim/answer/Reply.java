package io.backstop.modelsim.answer;

import java.util.Map;

/** One HTTP answer: status, extra headers, JSON body, and the token counts it reported. */
public record Reply(
    int status,
    Map<String, String> headers,
    String body,
    long promptTokens,
    long completionTokens) {

  public Reply {
    headers = Map.copyOf(headers);
  }
}
