package io.backstop.redaction;

import java.util.List;

/**
 * Replaces secrets in text with typed markers such as {@code [REDACTED:JWT]} and counts them. Every
 * text triage emits goes through here first: nothing it has not seen can reach a model.
 */
public final class Redactor {

  private final List<SecretRule> rules = SecretRules.all();

  /** Which rules may match a text, by their hints, in one pass for all of them. */
  private final Hints hints = Hints.of(rules);

  public Redaction redact(String text) {
    if (text == null || text.isEmpty()) {
      return Redaction.none(text);
    }
    String current = text;
    int count = 0;
    long[] mayMatch = hints.mayMatch(text);
    KeyedRuns keys = null;
    String keysOf = null;
    for (int i = 0; i < rules.size(); i++) {
      if (!Hints.has(mayMatch, i)) {
        continue;
      }
      SecretRule rule = rules.get(i);
      if (rule.keyed()) {
        if (!current.equals(keysOf)) {
          keys = KeyedRuns.of(current);
          keysOf = current;
        }
        if (!rule.mayMatchKeys(keys)) {
          continue;
        }
      }
      Redaction step = rule.apply(current);
      current = step.text();
      count += step.count();
    }
    Redaction entropy = HighEntropyTokens.apply(current);
    return new Redaction(entropy.text(), count + entropy.count());
  }

  /**
   * Whether {@link #redact} would replace anything in {@code text}: the same answer as {@code
   * redact(text).count() > 0}, without building the redacted text, and ending at the first secret.
   * (Until a rule replaces something the text it hands on is the text it was given, so the first
   * rule to replace anything sees the original text; that rule, or the entropy rule after them all,
   * is what this finds.)
   */
  public boolean finds(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    long[] mayMatch = hints.mayMatch(text);
    KeyedRuns keys = null;
    for (int i = 0; i < rules.size(); i++) {
      if (!Hints.has(mayMatch, i)) {
        continue;
      }
      SecretRule rule = rules.get(i);
      if (rule.keyed()) {
        keys = keys == null ? KeyedRuns.of(text) : keys;
        if (!rule.mayMatchKeys(keys)) {
          continue;
        }
      }
      if (rule.finds(text)) {
        return true;
      }
    }
    return HighEntropyTokens.finds(text);
  }
}
