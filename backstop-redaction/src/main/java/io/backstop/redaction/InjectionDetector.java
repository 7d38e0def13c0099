package io.backstop.redaction;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Recognises text that reads like an instruction to the agent rather than a fact about the system.
 * The rule is by phrase, not by verb: "bounce", "restart", "roll back", "scale" or "delete" in a
 * log line, an event or a mail are facts ("worker pool wedged, will restart immediately", "we
 * rolled back the release"). Text is flagged when it addresses the agent (the AI, the assistant,
 * the model, Backstop, "you must ..."), overrides its instructions ("ignore previous
 * instructions"), forges a role marker ({@code system:}, {@code <|im_start|>}) or an approval
 * ("approved by the SRE", "the guardrail is disabled"), or issues an imperative command sentence
 * ("Delete the namespace shop", "run kubectl delete ..."). A hit only flags the evidence item; the
 * text is kept as it was, as data, and nothing acts on it.
 *
 * <p>This is the one definition: triage flags evidence with it, and the safety core asks {@link
 * #asksFor} whether a flagged item asks for the very action a model proposes.
 */
public final class InjectionDetector {

  private static final String AGENT =
      "(?:ai|a\\.i\\.|ai assistant|assistant|agent|ai agent|bot|model|language model|llm|backstop"
          + "|automation|automated (?:responder|system|agent)|guardrail|responder)";
  private static final String WRITE_VERB =
      "(?:roll ?back|restart|bounce|scale|delete|drop|wipe|purge|destroy|kill|approve)";

  private static final List<Pattern> PATTERNS =
      List.of(
          // overriding its instructions
          ci(
              "\\b(?:ignore|disregard|forget|override|bypass|skip)\\b.{0,30}\\b(?:previous|prior"
                  + "|above|earlier|all|your|system|the)\\b.{0,20}\\b(?:instructions?|prompts?|rules"
                  + "|messages|guardrails?|polic(?:y|ies)|evidence|quality gate|action gate|checks)"),
          ci("\\bignore (?:the|everything) above\\b"),
          ci("\\bbefore you (?:answer|respond|reply|act)\\b"),
          ci("\\bfrom now on,? (?:you|treat|act|ignore|every|all|the agent)\\b"),
          // giving it a role
          ci("\\byou are now\\b(?!\\s+(?:connected|logged|subscribed|signed|disconnected))"),
          ci(
              "\\b(?:act|acting|pretend|behave)\\s+(?:as|like|you are|to be)\\b.{0,40}\\b(?:admin"
                  + "|administrator|root|operator|assistant|agent|sre|lead|on-?call)\\b"),
          ci("\\bif you are an? " + AGENT + "\\b"),
          // addressing it
          ci(
              "\\b(?:note|message|instructions?|attention|dear|hey|hello)\\b\\W{0,3}(?:(?:to|for)"
                  + "\\s+)?(?:the\\s+|any\\s+)?"
                  + AGENT
                  + "\\b"),
          ci(
              "\\bto (?:the |any )?"
                  + AGENT
                  + "\\b\\s*(?:reading|processing|handling|analy[sz]ing|that reads|[,:])"),
          ci(
              "(?:^|[\\n.;!(\\[]\\s*)"
                  + AGENT
                  + "\\s*[,:]\\s*(?:please|kindly|ignore|disregard|skip|approve|restart|roll|scale"
                  + "|delete|do not|don't|you|i have|this (?:alert|incident)|proceed|mark|set"
                  + "|recommend|treat|from now)"),
          // role markers and forged system text
          ci(
              "(?:^|[\\n.;>]\\s*)\\s*(?:system|assistant|developer|user)\\s*:\\s*(?:you|ignore"
                  + "|disregard|the (?:guardrail|agent|assistant|policy)|new|from now|escalation"
                  + "|act|i have|proceed|treat)"),
          ci("<\\|?\\s*(?:im_start|im_end|system|endoftext)\\s*\\|?>"),
          ci("\\[\\s*(?:system|backstop)\\s*\\]"),
          ci("\\bsystem override\\b"),
          ci("\\bnew (?:instructions?|task|policy|rules?)\\b\\s*(?::|is\\b|are\\b)"),
          ci("\\byou have new instructions\\b"),
          // forged approvals and disabled safety
          ci(
              "\\bbackstop\\b.{0,30}\\b(?:approved?|authori[sz]ed|must|should|may|override"
                  + "|is allowed)\\b"),
          ci(
              "\\b(?:approved|authori[sz]ed|signed off) by (?:the )?(?:sre|on-?call|admin"
                  + "|security|platform|operator|lead)"),
          ci("\\bpre-?approved\\b"),
          ci(
              "\\b(?:guardrails?|safety|quality gate|action gate|escalation|protected list)\\b.{0,20}"
                  + "\\b(?:is |are |has been |have been )?(?:disabled|turned off|switched off"
                  + "|bypassed|suspended|empty)\\b"),
          ci("\\bdo not (?:escalate|page|alert|notify)\\b"),
          // commands to it
          ci(
              "\\byou\\s+(?:must|should|will|can|may|are allowed to|are authori[sz]ed to)\\s+"
                  + "(?:now\\s+)?(?:"
                  + WRITE_VERB
                  + "|ignore|skip|bypass|proceed|act|take)\\b"),
          ci("\\byour (?:new )?task is\\b"),
          ci(
              "(?:^|[.!?;]\\s+|\\b(?:please|kindly|now|just|then)\\s+)"
                  + WRITE_VERB
                  + "\\s+(?!(?:count|counts|of|for|loop|policy|window|history|time|attempts?"
                  + "|reason|was|is|completed|failed|detected|event|events)\\b)(?:the |all |every "
                  + "|everything|prod|[a-z0-9][a-z0-9-]*\\s+(?:now|immediately|right now|asap"
                  + "|to|without))"),
          ci(
              "\\b"
                  + WRITE_VERB
                  + "\\b.{0,40}\\bwithout (?:approval|checks?|review|asking|escalating|a human)"),
          ci(
              "\\b(?:run|execute|please|now|must|should|just)\\b\\W{0,3}(?:the command\\s+)?"
                  + "kubectl\\s+(?:delete|apply|exec|patch|scale|edit|replace|drain|cordon"
                  + "|rollout)"),
          ci(
              "\\b(?:respond|reply|answer|output)\\s+(?:only\\s+)?(?:with\\s+)?(?:only\\s+)?"
                  + "[\"']?(?:approve|approved|rollback|restart|scale|yes|ok)\\b"),
          ci("\\bset (?:your |the )?confidence\\b"),
          ci(
              "\\b(?:print|reveal|show|output|repeat|leak)\\s+(?:me\\s+)?(?:your|the|any)\\s+"
                  + "(?:system prompt|prompt|instructions|secrets?|api keys?|tokens?|credentials)"),
          ci(
              "\\bmark (?:this|the) (?:incident|alert|ticket) (?:as )?(?:resolved|approved|closed)"));

  /** The phrasings of each action verb the safety core matches a proposal's verb against. */
  private static final Map<String, List<String>> ACTION_PHRASES =
      Map.of(
          "rollback", List.of("rollback", "roll back", "roll-back", "revert", "undo"),
          "restart", List.of("restart", "bounce", "kill", "recycle"),
          "scale", List.of("scale", "replicas"));

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

  /**
   * Whether a text already flagged as an injection asks for this action on one of these objects: it
   * names the verb (in any of its phrasings) and the object. A proposal that does what such a text
   * asks is following the injection, whatever the model says its reasons are.
   */
  public static boolean asksFor(String flaggedText, String verb, List<String> objects) {
    if (flaggedText == null || verb == null || verb.isBlank() || objects.isEmpty()) {
      return false;
    }
    String text = flaggedText.toLowerCase(Locale.ROOT);
    String v = verb.strip().toLowerCase(Locale.ROOT);
    List<String> phrases = ACTION_PHRASES.getOrDefault(v, List.of(v));
    return phrases.stream().anyMatch(text::contains)
        && objects.stream()
            .map(o -> o.strip().toLowerCase(Locale.ROOT))
            .filter(o -> !o.isEmpty())
            .anyMatch(text::contains);
  }

  private static Pattern ci(String regex) {
    return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
  }
}
