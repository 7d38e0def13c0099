package io.backstop.escalation.bundle;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Markdown escaping for text the agent did not write. Evidence and model text is data: it is shown
 * as a code span or an escaped table cell, so a log line can never add links, headings or HTML to
 * the ticket a human reads.
 */
final class Md {

  private Md() {}

  /** A table cell: one line, pipes escaped, HTML brackets neutralised. */
  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    return oneLine(value.toString())
        .replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;");
  }

  /** A code span holding untrusted text verbatim (minus backticks, which would end the span). */
  static String code(Object value) {
    String text = value == null ? "" : oneLine(value.toString()).replace('`', '\'');
    return "`" + (text.isBlank() ? " " : text) + "`";
  }

  static String usd(BigDecimal amount) {
    return "$" + amount.stripTrailingZeros().toPlainString();
  }

  static String time(Instant instant) {
    return instant == null ? "" : instant.toString();
  }

  private static String oneLine(String text) {
    return text.replace("\r", " ").replace("\n", " ").strip();
  }
}
