package io.backstop.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The one-pass scan finds exactly the candidates the regular expression {@link
 * HighEntropyTokens#CANDIDATE} finds, and so redacts exactly as the regex-driven scan did: on
 * hand-picked edges (a run after '=', padding, a run of exactly the minimum length, text ends) and
 * on 20,000 random texts built from runs of base64, padding and separators (a fixed seed).
 */
class HighEntropyTokensTest {

  private static final Pattern CANDIDATE = Pattern.compile(HighEntropyTokens.CANDIDATE);
  private static final String RANDOM_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  @Test
  void edgesAreRedactedAsTheRegexFindsThem() {
    String[] texts = {
      RANDOM_KEY,
      "key " + RANDOM_KEY + " used",
      "key=" + RANDOM_KEY,
      "key:" + RANDOM_KEY + "==",
      "key:" + RANDOM_KEY + "===x",
      RANDOM_KEY + "=" + RANDOM_KEY,
      RANDOM_KEY.substring(0, 24),
      RANDOM_KEY.substring(0, 23),
      "-" + RANDOM_KEY + "-" + RANDOM_KEY + "-",
      "9c41d0e5b7a3f2e1d0c9b8a7f6e5d4c3b2a19081 is a SHA",
      "",
    };
    for (String text : texts) {
      assertThat(HighEntropyTokens.apply(text)).as(text).isEqualTo(byRegex(text));
    }
    assertThat(HighEntropyTokens.apply("key " + RANDOM_KEY + " used").count()).isEqualTo(1);
    assertThat(HighEntropyTokens.apply("key=" + RANDOM_KEY).count()).isZero();
  }

  @Test
  void randomTextsAreRedactedAsTheRegexFindsThem() {
    Random random = new Random(20261204L);
    String[] separators = {" ", "=", "==", "===", "-", ":", "\n", ".", "_", "\"", "=x"};
    int redacted = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      int parts = random.nextInt(6);
      for (int p = 0; p < parts; p++) {
        if (random.nextBoolean()) {
          text.append(separators[random.nextInt(separators.length)]);
        }
        int length = 18 + random.nextInt(14);
        int from = random.nextInt(RANDOM_KEY.length());
        for (int c = 0; c < length; c++) {
          text.append(RANDOM_KEY.charAt((from + c * 7) % RANDOM_KEY.length()));
        }
      }
      String s = text.toString();
      Redaction expected = byRegex(s);
      assertThat(HighEntropyTokens.apply(s)).as(s).isEqualTo(expected);
      redacted += expected.count() > 0 ? 1 : 0;
    }
    // both outcomes are common, so the comparison means something
    assertThat(redacted).isBetween(2_000, 18_000);
  }

  /** The scan as it was, driven by the regular expression. */
  private static Redaction byRegex(String text) {
    Matcher m = CANDIDATE.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    int count = 0;
    while (m.find()) {
      if (HighEntropyTokens.looksRandom(m.group())) {
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
}
