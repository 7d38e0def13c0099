package io.backstop.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PatchesTest {

  private final ObjectMapper mapper = new ObjectMapper();
  private final Patches patches = new Patches(mapper);
  private final JsonNode doc = read("{\"spec\":{\"ports\":[1,2],\"name\":\"a\",\"keep\":true}}");

  @Test
  void mergePatchReplacesArraysAndDeletesNulls() {
    JsonNode result =
        patches.apply(
            "application/merge-patch+json", doc, "{\"spec\":{\"ports\":[3],\"name\":null}}");

    assertThat(result.toString()).isEqualTo("{\"spec\":{\"ports\":[3],\"keep\":true}}");
    assertThat(doc.path("spec").path("ports")).hasSize(2);
  }

  @Test
  void jsonPatchAppliesOperationsInOrder() {
    JsonNode result =
        patches.apply(
            "application/json-patch+json; charset=utf-8",
            doc,
            "[{\"op\":\"replace\",\"path\":\"/spec/name\",\"value\":\"b\"},{\"op\":\"add\",\"path\":\"/spec/ports/-\",\"value\":9}]");

    assertThat(result.path("spec").path("name").asText()).isEqualTo("b");
    assertThat(result.path("spec").path("ports").toString()).isEqualTo("[1,2,9]");
  }

  @Test
  void jsonPatchThatCannotApplyIsInvalid() {
    assertThatThrownBy(
            () ->
                patches.apply(
                    "application/json-patch+json",
                    doc,
                    "[{\"op\":\"replace\",\"path\":\"/nope/x\",\"value\":1}]"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(422));
  }

  @Test
  void strategicMergePatchWithoutListsMeansAMergePatch() {
    JsonNode result =
        patches.apply("application/strategic-merge-patch+json", doc, "{\"spec\":{\"name\":\"c\"}}");

    assertThat(result.path("spec").path("name").asText()).isEqualTo("c");
  }

  @Test
  void strategicMergePatchWithAListOrDirectiveIsUnsupportedMediaType() {
    assertThatThrownBy(
            () ->
                patches.apply(
                    "application/strategic-merge-patch+json", doc, "{\"spec\":{\"ports\":[3]}}"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(415);
              assertThat(e.getMessage()).contains("/spec/ports");
            });
    assertThatThrownBy(
            () ->
                patches.apply(
                    "application/strategic-merge-patch+json",
                    doc,
                    "{\"spec\":{\"$patch\":\"replace\"}}"))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.getMessage()).contains("$patch"));
  }

  @Test
  void serverSideApplyAndUnknownTypesAreUnsupported() {
    assertThatThrownBy(() -> patches.apply("application/apply-patch+yaml", doc, "{}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(415));
    assertThatThrownBy(() -> patches.apply("text/plain", doc, "{}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(415));
  }

  @Test
  void patchThatIsNotJsonIsABadRequest() {
    assertThatThrownBy(() -> patches.apply("application/merge-patch+json", doc, "{not json"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
  }

  private JsonNode read(String json) {
    try {
      return mapper.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
