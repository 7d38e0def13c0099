package io.backstop.diagnosis.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.diagnosis.Diagnosis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnswerParserTest {

  private static final String VALID =
      """
      {"hypothesis": "h", "suspectedResource": "checkout", "suspectedNamespace": "shop",
       "suspectedDeploySha": "abc1234", "confidence": 0.5, "citedEvidence": ["E1"],
       "action": {"type": "ROLLBACK", "target": "checkout", "namespace": "shop",
                  "scope": "deployment", "revision": 2, "gitSha": "def5678", "replicas": null,
                  "params": {"why": "x", "count": 3}}}
      """;

  private final AnswerParser parser = new AnswerParser();

  @Test
  void readsEveryFieldAsWritten() {
    Diagnosis d = parser.parse(VALID);

    assertThat(d.hypothesis()).isEqualTo("h");
    assertThat(d.suspectedResource()).isEqualTo("checkout");
    assertThat(d.suspectedDeploySha()).isEqualTo("abc1234");
    assertThat(d.confidence()).isEqualTo(0.5);
    assertThat(d.citedEvidence()).containsExactly("E1");
    assertThat(d.action().type()).isEqualTo("ROLLBACK");
    assertThat(d.action().revision()).isEqualTo(2L);
    assertThat(d.action().replicas()).isNull();
    assertThat(d.action().params()).containsEntry("why", "x").containsEntry("count", "3");
  }

  @Test
  void readsARollbackNamedByPodTemplateHashAndAnAnswerThatNamesNone() {
    Diagnosis named =
        parser.parse(
            VALID.replace(
                "\"gitSha\": \"def5678\"", "\"gitSha\": null, \"podTemplateHash\": \"7d9f8c6b5\""));

    assertThat(named.action().podTemplateHash()).isEqualTo("7d9f8c6b5");
    assertThat(named.action().gitSha()).isNull();
    assertThat(parser.parse(VALID).action().podTemplateHash()).isNull();
  }

  @Test
  void acceptsOneSurroundingCodeFence() {
    Diagnosis d = parser.parse("```json\n" + VALID + "\n```");

    assertThat(d.hypothesis()).isEqualTo("h");
  }

  @Test
  void keepsAVerbOutsideTheVocabularyVerbatim() {
    Diagnosis d = parser.parse(VALID.replace("\"ROLLBACK\"", "\"rollback_all\""));

    assertThat(d.action().type()).isEqualTo("rollback_all");
    assertThat(d.action().supported()).isFalse();
  }

  @Test
  void keepsInventedEvidenceIdsAndShasForTheGuardrailToJudge() {
    Diagnosis d =
        parser.parse(
            VALID.replace("[\"E1\"]", "[\"E404\", \"see logs\"]").replace("abc1234", "zzz"));

    assertThat(d.citedEvidence()).containsExactly("E404", "see logs");
    assertThat(d.suspectedDeploySha()).isEqualTo("zzz");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "The checkout deploy is bad, roll it back.",
        "[1, 2, 3]",
        "{\"hypothesis\": \"h\"",
        "Here you go: {\"hypothesis\": \"h\"}"
      })
  void rejectsTextThatIsNotOneJsonObject(String text) {
    assertThatThrownBy(() -> parser.parse(text)).isInstanceOf(UnparseableAnswerException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"hypothesis\": \"h\",|",
        "\"confidence\": 0.5,|",
        "\"citedEvidence\": [\"E1\"],|",
        "\"type\": \"ROLLBACK\",|"
      })
  void rejectsAnAnswerMissingARequiredField(String field) {
    String without = VALID.replace(field.substring(0, field.length() - 1), "");

    assertThatThrownBy(() -> parser.parse(without))
        .isInstanceOf(UnparseableAnswerException.class)
        .hasMessageContaining("missing required field");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"confidence\": 0.5|\"confidence\": \"0.5\"",
        "\"confidence\": 0.5|\"confidence\": 1.7",
        "\"confidence\": 0.5|\"confidence\": -0.1",
        "\"citedEvidence\": [\"E1\"]|\"citedEvidence\": \"E1\"",
        "\"citedEvidence\": [\"E1\"]|\"citedEvidence\": [1]",
        "\"revision\": 2|\"revision\": \"2\"",
        "\"revision\": 2|\"revision\": 2.5",
        "\"suspectedResource\": \"checkout\"|\"suspectedResource\": [\"checkout\"]",
        "\"hypothesis\": \"h\"|\"hypothesis\": 42",
        "\"params\": {\"why\": \"x\", \"count\": 3}|\"params\": {\"nested\": {\"a\": 1}}"
      })
  void rejectsAFieldOfTheWrongType(String replacement) {
    String[] parts = replacement.split("\\|");

    assertThatThrownBy(() -> parser.parse(VALID.replace(parts[0], parts[1])))
        .isInstanceOf(UnparseableAnswerException.class);
  }
}
