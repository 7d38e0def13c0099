package io.backstop.redaction;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Recognises text that reads like an instruction to the agent rather than a fact about the system:
 * "ignore previous instructions", "you are now", "[backstop] approved", role markers such as {@code
 * system:}, destructive imperatives. A hit only flags the evidence item; the text is kept as it
 * was, as data, and nothing acts on it.
 */
public final class InjectionDetector {

  private static final List<Pattern> PATTERNS =
      List.of(
          ci(
              "\\b(?:ignore|disregard|forget|override)\\b.{0,30}\\b(?:previous|prior|above|earlier"
                  + "|all|your|system)\\b.{0,20}\\b(?:instructions?|prompts?|rules|messages|guardrails?"
                  + "|polic(?:y|ies))"),
          ci("\\byou are now\\b"),
          ci("\\bact as\\b.{0,40}\\b(?:admin|root|operator|assistant|agent)\\b"),
          ci("\\bnew instructions?\\b"),
          ci("\\[\\s*backstop\\s*\\]"),
          ci("\\bbackstop\\b.{0,20}\\b(?:approved?|authori[sz]ed|must|should|override)\\b"),
          ci("(?:^|\\n|[.;]\\s*)\\s*(?:system|assistant|developer)\\s*:"),
          ci("<\\|?\\s*(?:im_start|system|endoftext)\\s*\\|?>"),
          ci(
              "\\b(?:delete|drop|destroy|wipe|purge)\\b.{0,20}\\b(?:namespace|database|cluster"
                  + "|everything|all (?:pods|deployments|resources))\\b"),
          ci("\\bkubectl\\s+(?:delete|apply|exec|patch|scale|edit|replace)\\b"),
          ci("\\b(?:approved|authori[sz]ed) by (?:the )?(?:sre|on-?call|admin|security)\\b"),
          ci("\\bdo not (?:escalate|page|alert|notify)\\b"),
          ci(
              "\\b(?:roll ?back|restart|scale)\\b.{0,30}\\b(?:immediately|right now|without"
                  + " (?:approval|checks?|review))\\b"));

  private InjectionDetector() {}

  public static boolean suspicious(String text) {
    if (text == null || text.isBlank()) {
      return false;
    }
    for (Pattern p : PATTERNS) {
      if (p.matcher(text).find()) {
        return true;
      }
    }
    return false;
  }

  private static Pattern ci(String regex) {
    return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
  }
}
