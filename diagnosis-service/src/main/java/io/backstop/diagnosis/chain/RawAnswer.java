package io.backstop.diagnosis.chain;

/**
 * What a model returned, before any reading: its text, the tokens it was charged for and why it
 * stopped ({@code stop}, {@code length}, ...; empty when the gateway did not say).
 */
public record RawAnswer(String text, long inputTokens, long outputTokens, String finishReason) {

  public RawAnswer {
    text = text == null ? "" : text;
    inputTokens = Math.max(0, inputTokens);
    outputTokens = Math.max(0, outputTokens);
    finishReason = finishReason == null ? "" : finishReason;
  }

  public RawAnswer(String text, long inputTokens, long outputTokens) {
    this(text, inputTokens, outputTokens, "");
  }
}
