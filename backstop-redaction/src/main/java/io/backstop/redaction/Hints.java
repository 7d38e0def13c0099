package io.backstop.redaction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which rules' hints a text holds, found in one pass over the text for all rules at once (an
 * Aho-Corasick automaton over every rule's lower-case hints, built once). The answer for each rule
 * is exactly {@link SecretRule#mayMatch}'s: whether the text's lower case ({@link
 * String#toLowerCase} in {@link Locale#ROOT}) contains one of the rule's hints, or the rule has
 * none. A text of ASCII characters is lower-cased as it is read; any other text is lower-cased by
 * the JDK first (a few characters outside ASCII lower-case into it, the Kelvin sign to {@code k}),
 * and then read the same way.
 *
 * <p>Each rule is one bit of a {@code long[]} mask, in the rules' order.
 */
final class Hints {

  private static final int ASCII = 128;

  /** The character class of each ASCII character after lower-casing; 0 for a char in no hint. */
  private final byte[] classOf = new byte[ASCII];

  private final int classes;

  /**
   * The automaton's transitions, failures resolved: {@code step[state * classes + class]} is the
   * next state times {@code classes} (where its row starts), shifted left by one, with the low bit
   * set when some rule's hint ends there; so reading a character is one load and a shift, and the
   * rules are looked up only on such a state.
   */
  private final int[] step;

  /**
   * By state, {@code words} longs from {@code state * words}: the rules whose hint ends here or at
   * any shorter suffix of the path here.
   */
  private final long[] found;

  /** The rules without hints: they may match any text. */
  private final long[] always;

  private final int words;

  private Hints(List<List<String>> hintsByRule) {
    words = (hintsByRule.size() + 63) / 64;
    always = new long[words];
    // the alphabet: every character of a hint gets a class of its own, the rest share class 0
    int classCount = 1;
    for (List<String> hints : hintsByRule) {
      for (String hint : hints) {
        for (int i = 0; i < hint.length(); i++) {
          char c = hint.charAt(i);
          if (c >= ASCII || c != Character.toLowerCase(c)) {
            throw new IllegalArgumentException("a hint must be lower-case ASCII: " + hint);
          }
          if (classOf[c] == 0) {
            classOf[c] = (byte) classCount++;
          }
        }
      }
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      classOf[c] = classOf[Character.toLowerCase(c)];
    }
    classes = classCount;
    // the trie
    List<int[]> edges = new ArrayList<>();
    List<long[]> ends = new ArrayList<>();
    edges.add(new int[classes]);
    ends.add(new long[words]);
    for (int rule = 0; rule < hintsByRule.size(); rule++) {
      List<String> hints = hintsByRule.get(rule);
      if (hints.isEmpty()) {
        always[rule >>> 6] |= 1L << rule;
      }
      for (String hint : hints) {
        int state = 0;
        for (int i = 0; i < hint.length(); i++) {
          int cls = classOf[hint.charAt(i)];
          if (edges.get(state)[cls] == 0) {
            edges.add(new int[classes]);
            ends.add(new long[words]);
            edges.get(state)[cls] = edges.size() - 1;
          }
          state = edges.get(state)[cls];
        }
        ends.get(state)[rule >>> 6] |= 1L << rule;
      }
    }
    if (hintsByRule.stream().anyMatch(hints -> hints.contains(""))) {
      throw new IllegalArgumentException("a hint must not be empty");
    }
    // failure links, breadth first; every missing edge goes where the failure's edge goes
    int states = edges.size();
    if ((long) states * classes * 2 > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("too many hints for one automaton");
    }
    int[] next = new int[states * classes];
    found = new long[states * words];
    int[] failure = new int[states];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int cls = 0; cls < classes; cls++) {
      int child = edges.get(0)[cls];
      next[cls] = child;
      if (child != 0) {
        failure[child] = 0;
        queue.add(child);
      }
    }
    while (!queue.isEmpty()) {
      int state = queue.poll();
      long[] ending = ends.get(state);
      for (int w = 0; w < words; w++) {
        found[state * words + w] = ending[w] | found[failure[state] * words + w];
      }
      for (int cls = 0; cls < classes; cls++) {
        int child = edges.get(state)[cls];
        if (child != 0) {
          failure[child] = next[failure[state] * classes + cls];
          next[state * classes + cls] = child;
          queue.add(child);
        } else {
          next[state * classes + cls] = next[failure[state] * classes + cls];
        }
      }
    }
    step = new int[next.length];
    for (int at = 0; at < next.length; at++) {
      int to = next[at];
      boolean hit = false;
      for (int w = 0; w < words; w++) {
        hit |= found[to * words + w] != 0;
      }
      step[at] = (to * classes) << 1 | (hit ? 1 : 0);
    }
  }

  static Hints of(List<SecretRule> rules) {
    List<List<String>> hints = new ArrayList<>(rules.size());
    for (SecretRule rule : rules) {
      hints.add(rule.hints());
    }
    return new Hints(hints);
  }

  /** For each rule in order, one bit: set when the rule may match {@code text} (never null). */
  long[] mayMatch(String text) {
    long[] mask = always.clone();
    if (!read(text, mask, true)) {
      // outside ASCII, lower-casing is the JDK's (it may change the length or yield ASCII)
      read(text.toLowerCase(Locale.ROOT), mask, false);
    }
    return mask;
  }

  /**
   * Runs the automaton over {@code text}, upper-case ASCII read as lower case; false, with {@code
   * mask} incomplete, when {@code asciiOnly} and the text holds a character outside ASCII.
   */
  private boolean read(String text, long[] mask, boolean asciiOnly) {
    int row = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      int to;
      if (c < ASCII) {
        to = step[row + classOf[c]];
      } else if (asciiOnly) {
        return false;
      } else {
        to = step[row];
      }
      row = to >>> 1;
      if ((to & 1) != 0) {
        int state = row / classes;
        for (int w = 0; w < words; w++) {
          mask[w] |= found[state * words + w];
        }
      }
    }
    return true;
  }

  static boolean has(long[] mask, int rule) {
    return (mask[rule >>> 6] & (1L << rule)) != 0;
  }
}
