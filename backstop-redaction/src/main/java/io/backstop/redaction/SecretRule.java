package io.backstop.redaction;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One pattern for one kind of secret. The secret is the named group {@code secret} when the pattern
 * has one (so {@code password=} stays readable and only the value is replaced), else the whole
 * match. A match the {@code benign} test accepts is left alone.
 */
record SecretRule(
    SecretKind kind,
    Pattern pattern,
    Predicate<Matcher> benign,
    List<String> hints,
    boolean keyed) {

  private static final String MARKER_PREFIX = "[REDACTED:";

  static SecretRule of(SecretKind kind, String regex) {
    return new SecretRule(kind, Pattern.compile(regex), m -> false, List.of(), false);
  }

  static SecretRule caseInsensitive(SecretKind kind, String regex, Predicate<Matcher> benign) {
    return new SecretRule(
        kind, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), benign, List.of(), false);
  }

  /**
   * The same rule, run only on texts whose lower case contains one of the hints: a cheap check that
   * spares the regex on the many lines that cannot match.
   */
  SecretRule when(String... lowerCaseHints) {
    return new SecretRule(kind, pattern, benign, List.of(lowerCaseHints), keyed);
  }

  /**
   * The same rule, whose hints must stand in a key before a separator ({@link KeyedRuns}), not
   * anywhere in the text: for a rule whose every match is such a key holding one of its hints.
   */
  SecretRule asKeyed() {
    return new SecretRule(kind, pattern, benign, hints, true);
  }

  /** Whether the rule may match a text whose keys are {@code keys}. */
  boolean mayMatchKeys(KeyedRuns keys) {
    return !keyed || hints.isEmpty() || keys.mayHold(hints);
  }

  /** Whether the rule may match a text, given the text in lower case. */
  boolean mayMatch(String lowerCase) {
    return mayMatch(lowerCase, Bigrams.of(lowerCase));
  }

  /**
   * The same, with the text's character pairs already known: a hint whose first pair the text lacks
   * is not searched for.
   */
  boolean mayMatch(String lowerCase, Bigrams pairs) {
    if (hints.isEmpty()) {
      return true;
    }
    for (int i = 0; i < hints.size(); i++) {
      String hint = hints.get(i);
      if (pairs.mayContain(hint) && lowerCase.contains(hint)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@link #apply} would replace anything in {@code text}: its first match that it would
   * count (a secret that is not empty, not a marker already, not benign).
   */
  boolean finds(String text) {
    Matcher m = pattern.matcher(text);
    boolean grouped = pattern.pattern().contains("(?<secret>");
    while (m.find()) {
      int start = grouped ? m.start("secret") : m.start();
      int end = grouped ? m.end("secret") : m.end();
      if (start < 0 || start == end || text.startsWith(MARKER_PREFIX, start) || benign.test(m)) {
        continue;
      }
      return true;
    }
    return false;
  }

  /** Replaces every secret this rule finds; markers already in the text are left alone. */
  Redaction apply(String text) {
    Matcher m = pattern.matcher(text);
    boolean grouped = pattern.pattern().contains("(?<secret>");
    StringBuilder out = new StringBuilder(text.length());
    int count = 0;
    int last = 0;
    while (m.find()) {
      int start = grouped ? m.start("secret") : m.start();
      int end = grouped ? m.end("secret") : m.end();
      if (start < last || start == end || text.startsWith(MARKER_PREFIX, start) || benign.test(m)) {
        continue;
      }
      out.append(text, last, start).append(kind.marker());
      last = end;
      count++;
    }
    if (count == 0) {
      return new Redaction(text, 0);
    }
    out.append(text, last, text.length());
    return new Redaction(out.toString(), count);
  }
}
