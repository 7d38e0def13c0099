package io.backstop.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The keyed rules' key, written for speed ({@link SecretRules#key}: a lookahead for the separator
 * and for the key word, then the run taken whole), matches exactly what its plain form ({@link
 * SecretRules#plainKey}) matches: every match of every keyed pattern (quoted and bare, passwords,
 * tokens and secrets) at the same place with the same key and secret, on the labelled corpus and on
 * 30,000 texts generated from a fixed seed out of key words inside longer keys, separators with and
 * without quotes and white space, quoted and bare values, prose, punctuation and line breaks. And
 * {@link KeyedRuns} never rules out a text a keyed rule would match.
 */
class KeyedValuePatternTest {

  private static final List<String> KEY_WORDS =
      List.of(
          "pass",
          "password",
          "PASSWD",
          "passphrase",
          "pwd",
          "token",
          "Token",
          "secret",
          "SECRET",
          "api_key",
          "api-key",
          "apikey",
          "ApiKey",
          "access_key",
          "account-key",
          "private_key",
          "credential",
          "credentials",
          "auth_key",
          "signing-key",
          "session_key",
          "key",
          "keys");
  private static final List<String> AROUND =
      List.of(
          "", "", "DB_", "my.", "x-", "_FILE", "_count", ".enabled", "Name", "2", "-ref", "v1.");
  private static final List<String> SEPARATORS =
      List.of("=", ":", " = ", ": ", "\"=", "':", "\" : ", "\t=", " \n: ", "==", "=:", " ", "");
  private static final List<String> VALUES =
      List.of(
          "hunter2",
          "\"two words\"",
          "'x'",
          "\"\"",
          "s3cr3t;more",
          "abc",
          "ab",
          "[REDACTED:TOKEN]",
          "\"unterminated",
          "a,b",
          "{x}",
          "))",
          "value with spaces",
          "'mixed\"");
  private static final List<String> PROSE =
      List.of(
          " the ",
          " rotated ",
          " secret ",
          " token expired",
          " key was removed",
          ". ",
          ", ",
          "\n",
          " password for the db ",
          "(",
          ")",
          "\"",
          "'",
          " = ",
          ": ",
          "-",
          ".",
          "x",
          "password",
          " credentials ");

  @Test
  void theFastKeyMatchesExactlyWhatThePlainKeyMatchesOnTheLabelledCorpus() {
    List<String> texts = LabelledCorpus.wholeFilesAndLines();
    texts.forEach(text -> assertSameMatches(text));
    assertThat(texts).hasSizeGreaterThan(200);
  }

  @Test
  void theFastKeyMatchesExactlyWhatThePlainKeyMatchesOnGeneratedTexts() {
    Random random = new Random(20261206L);
    int matched = 0;
    for (int n = 0; n < 30_000; n++) {
      StringBuilder text = new StringBuilder();
      int parts = 1 + random.nextInt(6);
      for (int p = 0; p < parts; p++) {
        if (random.nextInt(3) == 0) {
          text.append(pick(random, PROSE));
        } else {
          text.append(pick(random, AROUND))
              .append(pick(random, KEY_WORDS))
              .append(pick(random, AROUND))
              .append(pick(random, SEPARATORS))
              .append(pick(random, VALUES));
        }
      }
      matched += assertSameMatches(text.toString());
    }
    assertThat(matched)
        .as("texts with a keyed match: the generator reaches them")
        .isGreaterThan(5_000);
  }

  /** Asserts both forms agree on every keyed pattern; returns 1 if any of them matched. */
  private static int assertSameMatches(String text) {
    boolean any = false;
    for (String keys : SecretRules.keySets()) {
      for (UnaryOperator<String> form :
          List.<UnaryOperator<String>>of(SecretRules::quoted, SecretRules::bare)) {
        Pattern fast = Pattern.compile(form.apply(SecretRules.key(keys)), Pattern.CASE_INSENSITIVE);
        Pattern plain =
            Pattern.compile(form.apply(SecretRules.plainKey(keys)), Pattern.CASE_INSENSITIVE);
        List<String> expected = matches(plain, text);
        assertThat(matches(fast, text)).as("%s on %s", keys, text).isEqualTo(expected);
        if (!expected.isEmpty()) {
          any = true;
          assertThat(KeyedRuns.of(text).mayHold(hintsOf(keys)))
              .as("the keys of %s hold a hint of %s", text, keys)
              .isTrue();
        }
      }
    }
    return any ? 1 : 0;
  }

  private static List<String> matches(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(
          m.start() + "-" + m.end() + " key=" + m.group("key") + " secret=" + m.group("secret"));
    }
    return found;
  }

  private static List<String> hintsOf(String keys) {
    return keys.startsWith("pass")
        ? List.of("pass", "pwd")
        : keys.equals("token") ? List.of("token") : List.of("secret", "key", "credential");
  }

  private static String pick(Random random, List<String> from) {
    return from.get(random.nextInt(from.size()));
  }
}
