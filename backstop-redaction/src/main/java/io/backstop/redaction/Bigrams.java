package io.backstop.redaction;

/**
 * Which pairs of adjacent characters a text holds, as a 4,096-bit set (pairs hashed into it): a
 * rule's hint can be in the text only if the pair it starts with is, so the many hints a text
 * cannot hold are ruled out without searching the text for each. A hash collision only sends a hint
 * on to the search; it never rules out a hint the text holds.
 */
final class Bigrams {

  private static final int BITS = 4096;

  private final long[] set = new long[BITS / 64];

  private Bigrams() {}

  static Bigrams of(String text) {
    Bigrams bigrams = new Bigrams();
    for (int i = 1; i < text.length(); i++) {
      int bit = index(text.charAt(i - 1), text.charAt(i));
      bigrams.set[bit >>> 6] |= 1L << bit;
    }
    return bigrams;
  }

  /** False only when {@code hint} cannot occur in the text; hints shorter than two always may. */
  boolean mayContain(String hint) {
    if (hint.length() < 2) {
      return true;
    }
    int bit = index(hint.charAt(0), hint.charAt(1));
    return (set[bit >>> 6] & (1L << bit)) != 0;
  }

  private static int index(char first, char second) {
    return (first * 31 + second) & (BITS - 1);
  }
}
