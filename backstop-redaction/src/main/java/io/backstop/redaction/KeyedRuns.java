package io.backstop.redaction;

import java.util.List;

/**
 * The keys of a text: every run of key characters ({@code [A-Za-z0-9_.-]}) that stands before a
 * {@code :} or {@code =} (after at most one quote and any white space, as the keyed rules read
 * them), lower-cased and joined. A keyed rule (a password, token or secret given away only by its
 * key) can match only where one of these runs holds its key word, so a text none of whose keys
 * holds one of the rule's hints is not searched with the rule's pattern at all: the model's prose
 * about a rotated secret or an expired token holds the words, but rarely as a key before a
 * separator. Found in one pass over the text's separators.
 */
final class KeyedRuns {

  private final String runs;

  private KeyedRuns(String runs) {
    this.runs = runs;
  }

  static KeyedRuns of(String text) {
    StringBuilder runs = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != ':' && c != '=') {
        continue;
      }
      int end = i;
      while (end > 0 && space(text.charAt(end - 1))) {
        end--;
      }
      if (end > 0 && (text.charAt(end - 1) == '"' || text.charAt(end - 1) == '\'')) {
        end--;
      }
      int start = end;
      while (start > 0 && keyChar(text.charAt(start - 1))) {
        start--;
      }
      if (start < end) {
        for (int k = start; k < end; k++) {
          char r = text.charAt(k);
          runs.append(r >= 'A' && r <= 'Z' ? (char) (r + ('a' - 'A')) : r);
        }
        runs.append(' ');
      }
    }
    return new KeyedRuns(runs.toString());
  }

  /** Whether some key holds one of {@code lowerCaseHints}. */
  boolean mayHold(List<String> lowerCaseHints) {
    for (int i = 0; i < lowerCaseHints.size(); i++) {
      if (runs.contains(lowerCaseHints.get(i))) {
        return true;
      }
    }
    return false;
  }

  /** The regex's {@code \s} (without UNICODE_CHARACTER_CLASS). */
  private static boolean space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  private static boolean keyChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '.'
        || c == '-';
  }
}
