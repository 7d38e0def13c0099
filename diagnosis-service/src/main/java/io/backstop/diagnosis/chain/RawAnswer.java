package io.backstop.diagnosis.chain;

/** What a model returned, before any reading: its text and the tokens it was charged for. */
public record RawAnswer(String text, long inputTokens, long outputTokens) {

  public RawAnswer {
    text = text == null ? "" : text;
    inputTokens = Math.max(0, inputTokens);
    outputTokens = Math.max(0, outputTokens);
  }
}
