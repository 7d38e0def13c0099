package io.backstop.safety.facts;

import java.text.Normalizer;
import java.util.Optional;

/**
 * Reads a Kubernetes name a model wrote. Safety rationale: the text is NFKC-normalised, then must
 * be a plain lower-case DNS name; any invisible, format, control or bidi character, and any
 * non-ASCII letter left after normalisation (a Cyrillic {@code с} in {@code сheckout}, mixed
 * scripts), makes it no name at all, so a look-alike can never match a real workload.
 */
public final class Names {

  /**
   * A DNS name (RFC 1123 labels, lower case, joined by dots), as a regular expression: {@link
   * #isDnsName} accepts exactly what it matches, without a matcher per name (NamesTest holds the
   * two to the same answers).
   */
  static final String DNS_NAME = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

  private static final int MAX_LENGTH = 253;

  private Names() {}

  /** The canonical name, or empty when the text is absent, disguised or not a valid name. */
  public static Optional<String> canonical(String raw) {
    if (raw == null || raw.isEmpty() || hasHiddenCharacters(raw)) {
      return Optional.empty();
    }
    String stripped = raw.strip();
    // NFKC leaves ASCII as it is: only a name with other characters needs normalising
    String normalised =
        isAscii(stripped) ? stripped : Normalizer.normalize(stripped, Normalizer.Form.NFKC);
    if (normalised.length() > MAX_LENGTH || !isDnsName(normalised)) {
      return Optional.empty();
    }
    return Optional.of(normalised);
  }

  /** Non-empty labels of [-a-z0-9], none starting or ending with '-', joined by single dots. */
  static boolean isDnsName(String text) {
    int labelStart = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '.') {
        if (i == labelStart || text.charAt(labelStart) == '-' || text.charAt(i - 1) == '-') {
          return false;
        }
        labelStart = i + 1;
      } else {
        char c = text.charAt(i);
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the text holds characters a reader cannot see: format, control, private, unassigned.
   */
  public static boolean hasHiddenCharacters(String raw) {
    for (int i = 0; i < raw.length(); ) {
      int codePoint = raw.codePointAt(i);
      if (hidden(codePoint)) {
        return true;
      }
      i += Character.charCount(codePoint);
    }
    return false;
  }

  private static boolean hidden(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.FORMAT
        || type == Character.CONTROL
        || type == Character.PRIVATE_USE
        || type == Character.UNASSIGNED
        || type == Character.SURROGATE
        || codePoint == '\u115f'
        || codePoint == '\u1160'
        || codePoint == '\u3164'
        || codePoint == '\uffa0';
  }
}
