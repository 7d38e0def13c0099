package io.backstop.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The corpus under {@code redaction-corpus/}: every secret marked {@code «...»} in the secret files
 * must be gone after redaction, and every line of {@code benign.txt} must come through unchanged.
 */
class RedactionCorpusTest {

  private static final Pattern MARKED = Pattern.compile("«([\\s\\S]*?)»");

  private final Redactor redactor = new Redactor();

  @ParameterizedTest
  @ValueSource(strings = {"log-lines.txt", "env-style.txt", "annotations.txt"})
  void noMarkedSecretSurvivesRedaction(String file) throws IOException {
    String marked = withoutComments(read(file));
    List<String> secrets = secrets(marked);
    String redacted = redactor.redact(MARKED.matcher(marked).replaceAll("$1")).text();

    assertThat(secrets).hasSizeGreaterThanOrEqualTo(5);
    for (String secret : secrets) {
      for (String piece : secret.split("\\\\n|\\n")) {
        if (piece.length() >= 4) {
          assertThat(redacted).as("secret from %s", file).doesNotContain(piece);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"log-lines.txt", "env-style.txt", "annotations.txt"})
  void countsAtLeastOneRedactionPerMarkedSecret(String file) throws IOException {
    String marked = withoutComments(read(file));
    Redaction redaction = redactor.redact(MARKED.matcher(marked).replaceAll("$1"));

    assertThat(redaction.count()).isGreaterThanOrEqualTo(secrets(marked).size());
    assertThat(redaction.text()).contains("[REDACTED:");
  }

  @Test
  void leavesBenignTextUnchanged() throws IOException {
    for (String line : withoutComments(read("benign.txt")).split("\n")) {
      Redaction redaction = redactor.redact(line);
      assertThat(redaction.text()).as("benign line").isEqualTo(line);
      assertThat(redaction.count()).isZero();
    }
  }

  @Test
  void flagsEveryInjectionLineAndNoOrdinaryLine() throws IOException {
    for (String line : withoutComments(read("injection.txt")).split("\n")) {
      assertThat(InjectionDetector.suspicious(line)).as(line).isTrue();
    }
    for (String line : withoutComments(read("not-injection.txt")).split("\n")) {
      assertThat(InjectionDetector.suspicious(line)).as(line).isFalse();
    }
  }

  private static List<String> secrets(String marked) {
    List<String> secrets = new ArrayList<>();
    Matcher m = MARKED.matcher(marked);
    while (m.find()) {
      secrets.add(m.group(1).strip());
    }
    return secrets;
  }

  private static String withoutComments(String text) {
    return String.join("\n", text.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList());
  }

  private static String read(String file) throws IOException {
    try (InputStream in =
        RedactionCorpusTest.class.getResourceAsStream("/redaction-corpus/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
