package io.backstop.redaction;

import java.util.List;
import java.util.Locale;

/**
 * Replaces secrets in text with typed markers such as {@code [REDACTED:JWT]} and counts them. Every
 * text triage emits goes through here first: nothing it has not seen can reach a model.
 */
public final class Redactor {

  private final List<SecretRule> rules = SecretRules.all();

  public Redaction redact(String text) {
    if (text == null || text.isEmpty()) {
      return Redaction.none(text);
    }
    String current = text;
    int count = 0;
    String lowerCase = text.toLowerCase(Locale.ROOT);
    Bigrams pairs = Bigrams.of(lowerCase);
    for (SecretRule rule : rules) {
      if (!rule.mayMatch(lowerCase, pairs)) {
        continue;
      }
      Redaction step = rule.apply(current);
      current = step.text();
      count += step.count();
    }
    Redaction entropy = HighEntropyTokens.apply(current);
    return new Redaction(entropy.text(), count + entropy.count());
  }
}
