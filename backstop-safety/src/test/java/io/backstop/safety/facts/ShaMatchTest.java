package io.backstop.safety.facts;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.fixtures.Signals;
import io.backstop.safety.fixtures.Incidents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShaMatchTest {

  private static final String FULL = "7f3e2d1c0b9a887766554433221100ffeeddccbb";

  @ParameterizedTest(name = "''{0}'' vs ''{1}'' -> {2}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        // the same full SHA, in any case, with outer blanks
        FULL + ", " + FULL + ", true",
        "7F3E2D1C0B9A887766554433221100FFEEDDCCBB, " + FULL + ", true",
        "'  7f3e2d1c0b9a887766554433221100ffeeddccbb  ', " + FULL + ", true",
        // a prefix of 7+ hex names the commit, whichever side is the short one
        "7f3e2d1, " + FULL + ", true",
        "7f3e2d1c0b9a, " + FULL + ", true",
        FULL + ", 7f3e2d1c0b9a, true",
        "7f3e2d1c0b9a, 7f3e2d1, true",
        // six characters are too few on either side
        "7f3e2d, " + FULL + ", false",
        FULL + ", 7f3e2d, false",
        // a different commit, or one that diverges after a shared prefix
        "9c41d0e5b7a3, " + FULL + ", false",
        "7f3e2d1c0b9b, " + FULL + ", false",
        // not hex, blank, absent, or longer than any SHA
        "latest, " + FULL + ", false",
        "7f3e2d1-dirty, " + FULL + ", false",
        "7f3e2d1c0b9g, 7f3e2d1c0b9a, false",
        "'', " + FULL + ", false",
        "NULL, " + FULL + ", false",
        FULL + ", NULL, false",
        FULL + FULL + ", " + FULL + ", false"
      })
  void twoTextsNameTheSameCommitWhenBothAreSevenOrMoreHexAndTheShorterIsAPrefix(
      String one, String other, boolean same) {
    assertThat(ShaMatch.sameCommit(one, other)).isEqualTo(same);
    assertThat(ShaMatch.sameCommit(other, one)).isEqualTo(same);
  }

  @Test
  void aFullShaOrASevenCharacterPrefixNamesItsRevision() {
    var history = Signals.checkoutHistory();

    assertThat(ShaMatch.unique(history, Signals.SHA_REV3))
        .hasValueSatisfying(r -> assertThat(r.revision()).isEqualTo(3));
    assertThat(ShaMatch.unique(history, "9c41d0e"))
        .hasValueSatisfying(r -> assertThat(r.revision()).isEqualTo(3));
  }

  @Test
  void aPrefixShorterThanSevenOrNotHexIsNoSha() {
    assertThat(ShaMatch.normalise("9c41d0")).isEmpty();
    assertThat(ShaMatch.normalise("9c41d0g")).isEmpty();
    assertThat(ShaMatch.normalise("  9C41D0E  ")).contains("9c41d0e");
  }

  @Test
  void aPrefixMatchingTwoShasIsAmbiguousAndNamesNothing() {
    var history = Incidents.ambiguousPrefix().rollouts().get(0);

    assertThat(ShaMatch.ambiguous(ShaMatch.matches(history, "9c41d0e"))).isTrue();
    assertThat(ShaMatch.unique(history, "9c41d0e")).isEmpty();
    assertThat(ShaMatch.unique(history, "9c41d0e5")).isPresent();
  }

  @Test
  void sameCommitAnswersAsComparingTheNormalisedTexts() {
    // the rule as first written: normalise both sides (strip, lower case, 7..64 hex), then prefix
    String alphabet = "0123456789abcdefABCDEFgG \t\u2003\u00a0\u212a\u0130-";
    java.util.Random random = new java.util.Random(20261204L);
    int same = 0;
    for (int i = 0; i < 50_000; i++) {
      String one = randomSha(alphabet, random);
      String other =
          switch (random.nextInt(4)) {
            case 0 -> randomSha(alphabet, random);
            case 1 -> one.substring(0, random.nextInt(one.length() + 1));
            case 2 -> " " + one.toUpperCase(java.util.Locale.ROOT) + "\t";
            default -> one + randomSha(alphabet, random);
          };
      boolean expected =
          ShaMatch.normalise(one).isPresent()
              && ShaMatch.normalise(other).isPresent()
              && (ShaMatch.normalise(one).get().startsWith(ShaMatch.normalise(other).get())
                  || ShaMatch.normalise(other).get().startsWith(ShaMatch.normalise(one).get()));
      assertThat(ShaMatch.sameCommit(one, other))
          .as("'%s' vs '%s'", one, other)
          .isEqualTo(expected);
      assertThat(ShaMatch.sameCommit(other, one))
          .as("'%s' vs '%s'", other, one)
          .isEqualTo(expected);
      same += expected ? 1 : 0;
    }
    // both answers are reached often, so the comparison means something
    assertThat(same).isBetween(5_000, 45_000);
  }

  private static String randomSha(String alphabet, java.util.Random random) {
    StringBuilder text = new StringBuilder();
    boolean plain = random.nextInt(3) > 0;
    for (int n = random.nextInt(70); n > 0; n--) {
      text.append(
          plain
              ? "0123456789abcdefABCDEF".charAt(random.nextInt(22))
              : alphabet.charAt(random.nextInt(alphabet.length())));
    }
    if (random.nextInt(4) == 0) {
      text.insert(0, alphabet.charAt(16 + random.nextInt(alphabet.length() - 16)));
    }
    return text.toString();
  }
}
