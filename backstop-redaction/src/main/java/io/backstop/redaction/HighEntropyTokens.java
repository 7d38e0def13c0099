package io.backstop.redaction;

import java.util.regex.Matcher;
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

  private static final Pattern CANDIDATE =
      Pattern.compile("(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{" + MIN_LENGTH + ",}={0,2}");
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

  private HighEntropyTokens() {}

  static Redaction apply(String text) {
    Matcher m = CANDIDATE.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    int count = 0;
    while (m.find()) {
      if (looksRandom(m.group())) {
        out.append(text, last, m.start()).append(SecretKind.HIGH_ENTROPY.marker());
        last = m.end();
        count++;
      }
    }
    if (count == 0) {
      return new Redaction(text, 0);
    }
    return new Redaction(out.append(text, last, text.length()).toString(), count);
  }

  static boolean looksRandom(String token) {
    String core = token.replace("=", "");
    if (HEX.matcher(core).matches() || !mixedAlphabet(core)) {
      return false;
    }
    return entropy(core) >= MIN_BITS;
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
