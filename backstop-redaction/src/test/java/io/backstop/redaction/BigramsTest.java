package io.backstop.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The pair filter never rules out a hint the text holds: for every hint of every rule, in 5,000
 * random texts that hold some hints and fragments of others (a fixed seed), the filter says "may"
 * whenever the text contains the hint, and each rule's answer with the filter is its answer without
 * it.
 */
class BigramsTest {

  @Test
  void aHintTheTextHoldsIsNeverRuledOut() {
    List<SecretRule> rules = SecretRules.all();
    List<String> hints = new ArrayList<>();
    rules.forEach(r -> hints.addAll(r.hints()));
    Random random = new Random(20261204L);
    String filler = "abcdefghijklmnopqrstuvwxyz0123456789-_.:=$~ \n";
    int ruledOut = 0;
    for (int i = 0; i < 5_000; i++) {
      StringBuilder text = new StringBuilder();
      int parts = random.nextInt(8);
      for (int p = 0; p < parts; p++) {
        String hint = hints.get(random.nextInt(hints.size()));
        text.append(random.nextBoolean() ? hint : hint.substring(0, hint.length() / 2));
        for (int f = random.nextInt(6); f > 0; f--) {
          text.append(filler.charAt(random.nextInt(filler.length())));
        }
      }
      String lowerCase = text.toString();
      Bigrams pairs = Bigrams.of(lowerCase);
      for (String hint : hints) {
        boolean may = pairs.mayContain(hint);
        if (lowerCase.contains(hint)) {
          assertThat(may).as(hint + " in " + lowerCase).isTrue();
        }
        ruledOut += may ? 0 : 1;
      }
      for (SecretRule rule : rules) {
        assertThat(rule.mayMatch(lowerCase, pairs))
            .as(rule.kind() + " on " + lowerCase)
            .isEqualTo(
                rule.hints().isEmpty() || rule.hints().stream().anyMatch(lowerCase::contains));
      }
    }
    // the filter does rule hints out, or it would save nothing
    assertThat(ruledOut).isGreaterThan(100_000);
  }
}
