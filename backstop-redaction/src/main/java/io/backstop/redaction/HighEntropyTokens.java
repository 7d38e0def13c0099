package io.backstop.redaction;

import java.util.regex.Pattern;

/**
 * Long random-looking strings that no named rule caught (an AWS secret key on its own, a base64
 * signing key). A candidate is a run of base64 characters at least {@link #MIN_LENGTH} long that
 * mixes upper case, lower case and digits and whose Shannon entropy reaches {@link #MIN_BITS} bits
 * per character. Pure hex (git SHAs, image digests, trace ids) and UUIDs are never candidates, and
 * neither are words, pod names or paths: they lack the mixed alphabet or the length.
 */
final class HighEntropyTokens {

  static final int MIN_LENGTH = 24;
  static final double MIN_BITS = 4.0;

  /**
   * What a candidate is, as a regular expression: {@link #apply} finds exactly its matches, in one
   * pass over the text without the regex engine (the guardrail scans every proposal's text with
   * it); {@code HighEntropyTokensTest} holds the two to the same matches.
   */
  static final String CANDIDATE = "(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{" + MIN_LENGTH + ",}={0,2}";

  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

  private HighEntropyTokens() {}

  static Redaction apply(String text) {
    StringBuilder out = null;
    int last = 0;
    int count = 0;
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!isBase64(text.charAt(i))) {
        i++;
        continue;
      }
      // a run of base64 characters; the regex can start a match only at its first character, and
      // not even there when the character before is '='
      int start = i;
      int end = start;
      while (end < n && isBase64(text.charAt(end))) {
        end++;
      }
      i = end;
      if (end - start < MIN_LENGTH || (start > 0 && text.charAt(start - 1) == '=')) {
        continue;
      }
      int padded = end;
      while (padded < n && padded - end < 2 && text.charAt(padded) == '=') {
        padded++;
      }
      i = padded;
      if (looksRandom(text, start, end)) {
        if (out == null) {
          out = new StringBuilder(text.length());
        }
        out.append(text, last, start).append(SecretKind.HIGH_ENTROPY.marker());
        last = padded;
        count++;
      }
    }
    if (count == 0) {
      return new Redaction(text, 0);
    }
    return new Redaction(out.append(text, last, text.length()).toString(), count);
  }

  /**
   * Whether {@link #apply} would replace anything in {@code text}: the same candidates, found the
   * same way, ending at the first that looks random.
   */
  static boolean finds(String text) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!isBase64(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      int end = start;
      while (end < n && isBase64(text.charAt(end))) {
        end++;
      }
      i = end;
      if (end - start < MIN_LENGTH || (start > 0 && text.charAt(start - 1) == '=')) {
        continue;
      }
      int padded = end;
      while (padded < n && padded - end < 2 && text.charAt(padded) == '=') {
        padded++;
      }
      i = padded;
      if (looksRandom(text, start, end)) {
        return true;
      }
    }
    return false;
  }

  /** {@code [A-Za-z0-9+/]}. */
  private static boolean isBase64(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/';
  }

  static boolean looksRandom(String token) {
    String core = token.replace("=", "");
    if (HEX.matcher(core).matches() || !mixedAlphabet(core)) {
      return false;
    }
    return entropy(core) >= MIN_BITS;
  }

  /**
   * {@link #looksRandom(String)} of a candidate without its padding, {@code text[start, end)}, a
   * run of base64 characters (so no '=' to drop, and only ASCII letters, digits, '+' and '/'), read
   * in place: pure hex, no mix of upper case, lower case and digits, or too little entropy is not
   * random. The entropy is summed in the same order as {@link #entropy}, so it is the same double.
   */
  private static boolean looksRandom(String text, int start, int end) {
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    boolean hexOnly = true;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        upper = true;
        hexOnly &= c <= 'F';
      } else if (c >= 'a' && c <= 'z') {
        lower = true;
        hexOnly &= c <= 'f';
      } else if (c >= '0' && c <= '9') {
        digit = true;
      } else {
        hexOnly = false;
      }
    }
    if (hexOnly || !(upper && lower && digit)) {
      return false;
    }
    int[] counts = new int[128];
    for (int i = start; i < end; i++) {
      counts[text.charAt(i)]++;
    }
    int length = end - start;
    double bits = 0;
    for (int count : counts) {
      if (count > 0) {
        double p = (double) count / length;
        bits -= p * (Math.log(p) / Math.log(2));
      }
    }
    return bits >= MIN_BITS;
  }

  private static boolean mixedAlphabet(String s) {
    return s.chars().anyMatch(Character::isUpperCase)
        && s.chars().anyMatch(Character::isLowerCase)
        && s.chars().anyMatch(Character::isDigit);
  }

  /** Shannon entropy in bits per character. */
  static double entropy(String s) {
    int[] counts = new int[128];
    for (int i = 0; i < s.length(); i++) {
      counts[s.charAt(i) & 127]++;
    }
    double bits = 0;
    for (int n : counts) {
      if (n > 0) {
        double p = (double) n / s.length();
        bits -= p * (Math.log(p) / Math.log(2));
      }
    }
    return bits;
  }
}
