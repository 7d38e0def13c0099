package io.backstop.modelsim.answer;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.codec.EventCodec;
import io.backstop.events.diagnosis.RecommendedAction;
import io.backstop.scenario.CitedEvidence;
import io.backstop.scenario.ScriptedDiagnosis;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DiagnosisJsonTest {

  private static final RecommendedAction ROLLBACK =
      new RecommendedAction(
          "ROLLBACK",
          "catalog",
          "shop",
          "deployment",
          1L,
          null,
          null,
          Map.of("reason", "config edit"),
          "7d9f8c6b5");

  @Test
  void theAnswerCarriesEveryFieldOfTheContractsActionAsScripted() {
    JsonNode action = render(ROLLBACK).get("action");

    assertThat(action.propertyNames())
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(RecommendedAction.class.getRecordComponents())
                .map(RecordComponent::getName)
                .toList());
    assertThat(action.get("podTemplateHash").asString()).isEqualTo("7d9f8c6b5");
    assertThat(action.get("revision").asLong()).isEqualTo(1L);
    assertThat(action.get("gitSha").isNull()).isTrue();
    assertThat(action.get("params").get("reason").asString()).isEqualTo("config edit");
  }

  @Test
  void theDiagnosisFieldsAndCitationsAreWrittenAsScripted() {
    JsonNode answer = render(ROLLBACK);

    assertThat(answer.get("hypothesis").asString()).isEqualTo("a config edit broke catalog");
    assertThat(answer.get("suspectedResource").asString()).isEqualTo("catalog");
    assertThat(answer.get("confidence").asDouble()).isEqualTo(0.8);
    assertThat(answer.get("citedEvidence").get(0).asString()).isEqualTo("E2");
  }

  private static JsonNode render(RecommendedAction action) {
    var diagnosis =
        new ScriptedDiagnosis(
            "a config edit broke catalog",
            "catalog",
            "shop",
            null,
            0.8,
            CitedEvidence.of(List.of("E2")),
            action);
    return EventCodec.mapper()
        .readTree(DiagnosisJson.render(EventCodec.mapper(), diagnosis, List.of("E2")));
  }
}
