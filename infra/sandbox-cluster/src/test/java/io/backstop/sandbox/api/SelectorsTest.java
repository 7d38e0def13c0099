package io.backstop.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backstop.sandbox.store.ResourceType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectorsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final JsonNode pod =
      node(
          "{\"metadata\":{\"name\":\"p1\",\"labels\":{\"app\":\"checkout\",\"tier\":\"web\"}},\"status\":{\"phase\":\"Running\"}}");
  private final JsonNode event =
      node(
          "{\"metadata\":{\"name\":\"e1\"},\"involvedObject\":{\"kind\":\"Pod\",\"name\":\"p1\"},\"reason\":\"BackOff\",\"type\":\"Warning\"}");

  @Test
  void labelSelectorsSupportEqualityInequalitySetsAndExistence() {
    assertThat(Selectors.labels("app=checkout").test(pod)).isTrue();
    assertThat(Selectors.labels("app==checkout,tier=web").test(pod)).isTrue();
    assertThat(Selectors.labels("app!=checkout").test(pod)).isFalse();
    assertThat(Selectors.labels("app in (cart, checkout)").test(pod)).isTrue();
    assertThat(Selectors.labels("app notin (cart,checkout)").test(pod)).isFalse();
    assertThat(Selectors.labels("tier").test(pod)).isTrue();
    assertThat(Selectors.labels("!tier").test(pod)).isFalse();
    assertThat(Selectors.labels("").test(pod)).isTrue();
  }

  @Test
  void fieldSelectorsFilterEventsByInvolvedObjectAndPodsByPhase() {
    assertThat(select("involvedObject.name=p1,type=Warning", ResourceType.EVENTS).test(event))
        .isTrue();
    assertThat(select("involvedObject.name=p2", ResourceType.EVENTS).test(event)).isFalse();
    assertThat(select("status.phase!=Running", ResourceType.PODS).test(pod)).isFalse();
    assertThat(select("metadata.name=p1", ResourceType.PODS).test(pod)).isTrue();
  }

  @Test
  void unsupportedFieldIsABadRequestNotAnUnfilteredList() {
    assertThatThrownBy(() -> select("spec.replicas=3", ResourceType.DEPLOYMENTS))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(400);
              assertThat(e.getMessage()).contains("field label not supported: spec.replicas");
            });
  }

  private static java.util.function.Predicate<JsonNode> select(
      String fieldSelector, ResourceType type) {
    var request =
        new ApiRequest(
            "GET", "/x", "/x", Map.of("fieldSelector", fieldSelector), null, null, null, null, "");
    return Selectors.of(request, type);
  }

  private static JsonNode node(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
