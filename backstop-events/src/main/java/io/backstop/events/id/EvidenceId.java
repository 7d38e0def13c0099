package io.backstop.events.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.backstop.events.Require;
import java.util.Optional;
import java.util.regex.Pattern;

/** A numbered evidence item ({@code E1}, {@code E2}, ...) that a diagnosis can cite. */
public record EvidenceId(@JsonValue String value) {

  /** The form of an id, stated once; {@link #wellFormed} reads it without a matcher. */
  static final Pattern FORMAT = Pattern.compile("E[1-9][0-9]{0,5}");

  public EvidenceId {
    Require.text(value, "evidenceId");
    if (!wellFormed(value)) {
      throw new Require.InvalidFieldException(
          "evidenceId", "must look like E1, E2, ..., but was '" + value + "'");
    }
  }

  @JsonCreator
  public static EvidenceId of(String value) {
    return new EvidenceId(value);
  }

  public static EvidenceId number(int n) {
    return new EvidenceId("E" + n);
  }

  /** Parses model-supplied text, which may be anything; empty when it is not a valid id. */
  public static Optional<EvidenceId> parse(String text) {
    if (text == null || !wellFormed(text)) {
      return Optional.empty();
    }
    return Optional.of(new EvidenceId(text));
  }

  /**
   * Whether the text is {@code E} and a number from 1 to 999999 without a leading zero, as {@link
   * #FORMAT} states (read without a matcher: model text is parsed on every review).
   */
  static boolean wellFormed(String text) {
    int n = text.length();
    if (n < 2 || n > 7 || text.charAt(0) != 'E' || text.charAt(1) < '1' || text.charAt(1) > '9') {
      return false;
    }
    for (int i = 2; i < n; i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return value;
  }
}
