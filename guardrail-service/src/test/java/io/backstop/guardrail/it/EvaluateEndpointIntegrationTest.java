package io.backstop.guardrail.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.ActionApproved;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.DiagnosisRejected;
import io.backstop.events.Topics;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Decisions;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.id.IncidentId;
import io.backstop.stream.testing.TopicProbe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@GuardrailIntegration
class EvaluateEndpointIntegrationTest {

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  @LocalServerPort int port;

  @org.springframework.beans.factory.annotation.Autowired
  io.backstop.guardrail.state.GuardrailState state;

  @org.junit.jupiter.api.BeforeEach
  void aQuietNamespace() {
    TestIncidents.quietNamespace(port, "shop");
  }

  @Test
  void theEvaluateEndpointApprovesWhatTheKafkaPathApprovesWithTheSameVerdicts() {
    IncidentId incident = TestIncidents.fresh("whatif-honest");
    DiagnosisProposed honest = TestIncidents.under(incident, Diagnoses.honestRollback());

    var response = Http.post(port, "/api/v1/evaluate", body(honest), null);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode evaluation = EventCodec.mapper().readTree(response.body());
    assertThat(evaluation.get("decision").asString()).isEqualTo("APPROVE");
    assertThat(evaluation.get("action").get("toRevision").asLong()).isEqualTo(2L);
    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.DIAGNOSES, honest);
      var approved =
          (ActionApproved)
              ReviewProposalIntegrationTest.await(probe, Topics.ACTIONS, incident).get(0);
      assertThat(verdicts(evaluation)).isEqualTo(keys(approved.verdicts()));
      assertThat(evaluation.get("preconditions").get("currentSha").asString())
          .isEqualTo(approved.preconditions().currentSha());
    }
  }

  @Test
  void theEvaluateEndpointRejectsWhatTheKafkaPathRejectsWithTheSameFailures() {
    IncidentId incident = TestIncidents.fresh("whatif-lie");
    DiagnosisProposed lie = TestIncidents.under(incident, Diagnoses.hallucinatedRollbackAll());

    JsonNode evaluation =
        EventCodec.mapper().readTree(Http.post(port, "/api/v1/evaluate", body(lie), null).body());

    assertThat(evaluation.get("decision").asString()).isEqualTo("REJECT_REROUTE");
    assertThat(evaluation.get("nextTier").asString()).isEqualTo("STRONG");
    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.DIAGNOSES, lie);
      var rejected =
          (DiagnosisRejected)
              ReviewProposalIntegrationTest.await(probe, Topics.DIAGNOSIS_REJECTIONS, incident)
                  .get(0);
      List<String> failed =
          verdicts(evaluation).stream().filter(v -> !v.endsWith("/ALLOW")).toList();
      assertThat(failed).isEqualTo(keys(rejected.failures()));
    }
  }

  @Test
  void aDiagnosisMissingAFieldIsA400ProblemNamingTheField() {
    DiagnosisProposed honest = Diagnoses.honestRollback();
    ObjectNode diagnosis =
        (ObjectNode) EventCodec.mapper().readTree(EventCodec.encodeToString(honest));
    diagnosis.remove("hypothesis");
    String body =
        "{\"signals\":"
            + EventCodec.encodeToString(honest.signals())
            + ",\"diagnosis\":"
            + diagnosis
            + "}";

    var response = Http.post(port, "/api/v1/evaluate", body, null);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(EventCodec.mapper().readTree(response.body()).get("field").asString())
        .isEqualTo("diagnosis.hypothesis");
  }

  @Test
  void bodiesThatAreNotTheRequestAreProblemsNamingWhatIsWrong() {
    var notJson = Http.post(port, "/api/v1/evaluate", "{not json", null);
    var noSignals =
        Http.post(
            port,
            "/api/v1/evaluate",
            "{\"diagnosis\":" + EventCodec.encodeToString(Diagnoses.honestRollback()) + "}",
            null);

    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(EventCodec.mapper().readTree(notJson.body()).get("field").asString()).isEqualTo("$");
    assertThat(noSignals.statusCode()).isEqualTo(400);
    assertThat(EventCodec.mapper().readTree(noSignals.body()).get("field").asString())
        .isEqualTo("signals");
  }

  @Test
  void withAStatedPastTheSecondWriteOfAnIncidentIsRefusedThatTheLivePathWouldApprove() {
    DiagnosisProposed honest = Diagnoses.honestRollback();
    long writesBefore = state.breakers().recentWritesTo("shop", "checkout");
    String withPrior =
        withField(
            body(honest),
            "prior",
            "[" + EventCodec.encodeToString(Decisions.rollbackApproved()) + "]");

    JsonNode alone =
        EventCodec.mapper()
            .readTree(Http.post(port, "/api/v1/evaluate", body(honest), null).body());
    JsonNode afterAWrite =
        EventCodec.mapper().readTree(Http.post(port, "/api/v1/evaluate", withPrior, null).body());

    assertThat(alone.get("decision").asString()).isEqualTo("APPROVE");
    assertThat(afterAWrite.get("decision").asString()).isEqualTo("ESCALATE");
    assertThat(verdicts(afterAWrite)).contains("action/action.one-write-per-incident/DENY");
    assertThat(state.breakers().recentWritesTo("shop", "checkout"))
        .as("a what-if never changes the live state")
        .isEqualTo(writesBefore);
  }

  @Test
  void aPriorThatIsNotAListOfEventsIsA400NamingTheItem() {
    String notAList = withField(body(Diagnoses.honestRollback()), "prior", "{}");
    String badEvent = withField(body(Diagnoses.honestRollback()), "prior", "[{\"type\":\"Nope\"}]");

    var first = Http.post(port, "/api/v1/evaluate", notAList, null);
    var second = Http.post(port, "/api/v1/evaluate", badEvent, null);

    assertThat(first.statusCode()).isEqualTo(400);
    assertThat(EventCodec.mapper().readTree(first.body()).get("field").asString())
        .isEqualTo("prior");
    assertThat(second.statusCode()).isEqualTo(400);
    assertThat(EventCodec.mapper().readTree(second.body()).get("field").asString())
        .startsWith("prior[0]");
  }

  private static String withField(String body, String name, String json) {
    return body.substring(0, body.length() - 1) + ",\"" + name + "\":" + json + "}";
  }

  static String body(DiagnosisProposed diagnosis) {
    return "{\"signals\":"
        + EventCodec.encodeToString(diagnosis.signals())
        + ",\"diagnosis\":"
        + EventCodec.encodeToString(diagnosis)
        + "}";
  }

  private static List<String> verdicts(JsonNode evaluation) {
    List<String> keys = new ArrayList<>();
    for (JsonNode v : evaluation.get("verdicts")) {
      keys.add(
          v.get("gate").asString()
              + "/"
              + v.get("policyId").asString()
              + "/"
              + v.get("outcome").asString());
    }
    return keys;
  }

  private static List<String> keys(List<PolicyVerdict> verdicts) {
    return verdicts.stream().map(v -> v.gate() + "/" + v.policyId() + "/" + v.outcome()).toList();
  }
}
