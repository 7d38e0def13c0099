package io.backstop.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The one-pass scan answers exactly as the scan it replaced: for every text, {@link
 * Redactor#redact} gives the same text and count as the rules run one by one, each behind its own
 * hint check on the text's lower case and the entropy rule driven by its regular expression ({@link
 * #byRulesOneByOne}, the redactor as it was); {@link Redactor#finds} is true exactly when that
 * redaction replaced something; and {@link Hints} sets each rule's bit exactly when {@link
 * SecretRule#mayMatch} says the rule may match. Held on the labelled corpus (every line and every
 * file whole), every secret shape and look-alike of {@code SecretShapesCorpusTest}, and 40,000
 * texts generated from a fixed seed out of every rule's hints (in either case, also inside words),
 * keyed values, vendor prefixes, random base64, hex and SHAs, redaction markers, and characters
 * outside ASCII (among them the Kelvin sign and the dotted capital I, which lower-case into ASCII).
 */
class OnePassScanTest {

  private static final Pattern CANDIDATE = Pattern.compile(HighEntropyTokens.CANDIDATE);
  private static final List<SecretRule> RULES = SecretRules.all();
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final Redactor redactor = new Redactor();
  private final Hints hints = Hints.of(RULES);

  @Test
  void theLabelledCorpusIsScannedAsBefore() {
    List<String> texts = LabelledCorpus.wholeFilesAndLines();
    texts.forEach(text -> assertSameAnswers(text));
    assertThat(texts).hasSizeGreaterThan(200);
  }

  @Test
  void everySecretShapeAndLookAlikeIsScannedAsBefore() {
    SecretShapesCorpusTest shapes = new SecretShapesCorpusTest();
    int found = 0;
    List<SecretShapesCorpusTest.Case> secrets = shapes.secrets();
    for (SecretShapesCorpusTest.Case c : secrets) {
      found += assertSameAnswers(c.text()) ? 1 : 0;
    }
    for (String text : shapes.benign()) {
      assertSameAnswers(text);
    }
    assertThat(secrets).hasSizeGreaterThan(100);
    assertThat(found).isEqualTo(secrets.size());
  }

  @Test
  void generatedTextsAreScannedAsBefore() {
    Random random = new Random(20261204L);
    List<String> hintWords = new ArrayList<>();
    for (SecretRule rule : RULES) {
      hintWords.addAll(rule.hints());
    }
    int found = 0;
    int outsideAscii = 0;
    for (int i = 0; i < 6_000; i++) {
      String text = generated(random, hintWords);
      found += assertSameAnswers(text) ? 1 : 0;
      outsideAscii += text.chars().anyMatch(c -> c >= 128) ? 1 : 0;
    }
    // both answers, and both kinds of text, are common, so the comparison means something
    assertThat(found).isBetween(1_200, 4_800);
    assertThat(outsideAscii).isBetween(600, 5_400);
  }

  @Test
  void aHintThatOnlyLowerCasingOutsideAsciiRevealsIsFound() {
    // the Kelvin sign lower-cases to 'k': "\u212Aey" is "key" to the hint check, as before
    String text = "api_\u212Aey=Zq81mW0pLx";
    assertThat(hints.mayMatch(text)).isEqualTo(hints.mayMatch("api_key=Zq81mW0pLx"));
    assertSameAnswers(text);
    assertSameAnswers("\u0130NFO token: 7d9f0c2a");
  }

  @Test
  void noTextIsNoFinding() {
    assertThat(redactor.finds(null)).isFalse();
    assertThat(redactor.finds("")).isFalse();
    assertThat(redactor.finds("checkout revision 3 crash-loops since it rolled out")).isFalse();
    assertThat(redactor.finds("DB_PASSWORD=hunter2hunter2")).isTrue();
  }

  /** Asserts every answer is as before; returns whether the text holds a secret. */
  private boolean assertSameAnswers(String text) {
    Redaction before = byRulesOneByOne(text);
    Redaction now = redactor.redact(text);
    if (!now.equals(before) || redactor.finds(text) != before.count() > 0) {
      assertThat(now).as(text).isEqualTo(before);
      assertThat(redactor.finds(text)).as(text).isEqualTo(before.count() > 0);
    }
    long[] mask = hints.mayMatch(text);
    String lowerCase = text.toLowerCase(Locale.ROOT);
    for (int i = 0; i < RULES.size(); i++) {
      if (Hints.has(mask, i) != RULES.get(i).mayMatch(lowerCase)) {
        throw new AssertionError(
            "rule " + i + "'s hints " + RULES.get(i).hints() + " read differently in " + text);
      }
    }
    return before.count() > 0;
  }

  /** The redactor as it was: each rule behind its hint check, then the entropy rule by regex. */
  private static Redaction byRulesOneByOne(String text) {
    if (text == null || text.isEmpty()) {
      return Redaction.none(text);
    }
    String current = text;
    int count = 0;
    String lowerCase = text.toLowerCase(Locale.ROOT);
    for (SecretRule rule : RULES) {
      if (rule.mayMatch(lowerCase)) {
        Redaction step = rule.apply(current);
        current = step.text();
        count += step.count();
      }
    }
    Matcher m = CANDIDATE.matcher(current);
    StringBuilder out = new StringBuilder(current.length());
    int last = 0;
    int entropy = 0;
    while (m.find()) {
      if (HighEntropyTokens.looksRandom(m.group())) {
        out.append(current, last, m.start()).append(SecretKind.HIGH_ENTROPY.marker());
        last = m.end();
        entropy++;
      }
    }
    if (entropy > 0) {
      current = out.append(current, last, current.length()).toString();
    }
    return new Redaction(current, count + entropy);
  }

  private static String generated(Random random, List<String> hintWords) {
    String[] words = {
      "checkout",
      "rolled",
      "out",
      "revision",
      "crash-loops",
      "since",
      "the",
      "pod",
      "DB",
      "api",
      "password",
      "passwd",
      "pwd",
      "token",
      "secret",
      "api_key",
      "access-key",
      "credentials",
      "Authorization",
      "Bearer",
      "Basic",
      "mysql",
      "curl",
      "-u",
      "-p",
      "docker",
      "login",
      "redis-cli",
      "-a",
      "sshpass",
      "machine",
      "https://",
      "user",
      "@db.shop:5432",
      "?sig=",
      "[REDACTED:PASSWORD]",
      "[REDACTED:",
      "eyJhbGciOiJIUzI1NiJ9",
      "-----BEGIN RSA PRIVATE KEY-----",
      "-----END RSA PRIVATE KEY-----",
      "AKIA",
      "AIza",
      "sk_live_",
      "ghp_",
      "xoxb-",
      "glpat-",
      "$ANSIBLE_VAULT;1.1;AES256\n",
      "$2y$10$",
      "Q~",
      "-us12",
      "NRAL",
      "pat",
      "1/",
      ":",
      "=",
      "==",
      "\"",
      "'",
      "{",
      "}",
      ";",
      ",",
      "&",
      "/",
      ".",
      "\n",
      "\t",
      "  ",
      "\u212A",
      "\u0130",
      "\u00e9",
      "\u00df",
      "\u2003",
      "\uD83D\uDE80",
      "\u017F",
      "\u00A0"
    };
    StringBuilder text = new StringBuilder();
    int parts = 1 + random.nextInt(12);
    for (int p = 0; p < parts; p++) {
      switch (random.nextInt(8)) {
        case 0 -> text.append(cased(random, hintWords.get(random.nextInt(hintWords.size()))));
        case 1 -> text.append(run(random, ALNUM + "+/", 8 + random.nextInt(40)));
        case 2 -> text.append(run(random, "0123456789abcdef", 7 + random.nextInt(58)));
        case 3 -> text.append(run(random, ALNUM + "_-", 4 + random.nextInt(40)));
        case 4 -> text.append(run(random, "0123456789", 1 + random.nextInt(17)));
        default -> text.append(words[random.nextInt(words.length)]);
      }
      if (random.nextInt(3) > 0) {
        text.append(random.nextBoolean() ? " " : words[random.nextInt(words.length)]);
      }
    }
    return text.toString();
  }

  /** The hint as written, upper-cased, or with one character upper-cased. */
  private static String cased(Random random, String hint) {
    return switch (random.nextInt(3)) {
      case 0 -> hint;
      case 1 -> hint.toUpperCase(Locale.ROOT);
      default -> {
        int at = random.nextInt(hint.length());
        yield hint.substring(0, at)
            + Character.toUpperCase(hint.charAt(at))
            + hint.substring(at + 1);
      }
    };
  }

  private static String run(Random random, String alphabet, int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }
}
