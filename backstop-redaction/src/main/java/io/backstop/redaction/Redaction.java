package io.backstop.redaction;

/** A text with its secrets replaced by typed markers, and how many were replaced. */
public record Redaction(String text, int count) {

  public static Redaction none(String text) {
    return new Redaction(text == null ? "" : text, 0);
  }
}
