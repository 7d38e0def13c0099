package io.backstop.scenario.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SchemaCheckTest {

  @Test
  void scenarioSchemaIsItselfAValidDraft202012Schema() throws IOException {
    var registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    var metaSchema =
        registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream(SchemaCheck.SCHEMA_RESOURCE)) {
      var schema = JsonMapper.shared().readTree(in);

      assertThat(metaSchema.validate(schema)).isEmpty();
    }
  }

  @Test
  void aCombinatorSummaryGivesWayToTheSpecificErrorBeneathIt() {
    var document =
        JsonMapper.shared()
            .readTree(
                "{\"diagnoses\":{\"correct\":{\"hypothesis\":\"h\",\"suspectedResource\":\"a\","
                    + "\"confidence\":0.5,\"citedEvidence\":[\"E1\",7],\"action\":{\"type\":\"NONE\"}}}}");

    var violations = SchemaCheck.shipped().check(document);

    assertThat(violations)
        .extracting(v -> v.path().toString())
        .contains("diagnoses.correct.citedEvidence[1]")
        .doesNotContain("diagnoses.correct.citedEvidence");
  }

  @Test
  void aValueMatchingNoFormIsOneViolationQuotingTheAllowedForms() {
    var document =
        JsonMapper.shared()
            .readTree(
                "{\"diagnoses\":{\"correct\":{\"hypothesis\":\"h\",\"suspectedResource\":\"a\","
                    + "\"confidence\":0.5,\"citedEvidence\":\"all\",\"action\":{\"type\":\"NONE\"}}}}");

    var violations =
        SchemaCheck.shipped().check(document).stream()
            .filter(v -> v.path().toString().startsWith("diagnoses"))
            .toList();

    assertThat(violations)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path().toString()).isEqualTo("diagnoses.correct.citedEvidence");
              assertThat(v.message()).startsWith("matches none of the allowed forms: 'auto'");
            });
  }
}
