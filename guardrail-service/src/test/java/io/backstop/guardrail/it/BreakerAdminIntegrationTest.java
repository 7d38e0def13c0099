package io.backstop.guardrail.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.BreakerReset;
import io.backstop.events.Escalated;
import io.backstop.events.Topics;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.events.id.IncidentId;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.guardrail.GuardrailApplication;
import io.backstop.guardrail.state.GuardrailState;
import io.backstop.safety.breaker.BreakerState;
import io.backstop.stream.testing.TopicProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

@GuardrailIntegration
class BreakerAdminIntegrationTest {

  private static final String TOKEN = GuardrailIntegration.ADMIN_TOKEN;
  private static final WorkloadRef BILLING = WorkloadRef.deployment("payments", "billing");

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  @LocalServerPort int port;

  @Autowired GuardrailState state;

  @Test
  void adminEndpointsRefuseAMissingOrWrongToken() {
    assertThat(Http.get(port, "/api/v1/breakers", null).statusCode()).isEqualTo(401);
    assertThat(Http.get(port, "/api/v1/breakers", "wrong-token-0123456789").statusCode())
        .isEqualTo(401);
    assertThat(Http.post(port, "/api/v1/breakers/payments/reset", "{}", null).statusCode())
        .isEqualTo(401);
    assertThat(Http.get(port, "/api/v1/breakers", TOKEN).statusCode()).isEqualTo(200);
  }

  @Test
  void aRefusalIsAProblemDocumentThatAsksForABearerToken() {
    var refused = Http.get(port, "/api/v1/breakers", "wrong-token-0123456789");

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    assertThat(refused.body())
        .contains("\"status\":401")
        .contains("\"title\":\"admin access refused\"")
        .contains("\"detail\":\"the bearer token is not valid\"");

    var anonymous = Http.get(port, "/api/v1/breakers", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    assertThat(anonymous.body()).contains("\"detail\":\"a bearer token is required\"");
    assertThat(anonymous.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void failedRecoveriesTripTheBreakerWhichARestartRebuildsAndOnlyAHumanResetCloses() {
    IncidentId incident = TestIncidents.fresh("breaker");
    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(
          Topics.OUTCOMES,
          TestIncidents.outcome(incident, BILLING, ExecutionStatus.NOT_RECOVERED, 1, 3));
      probe.send(
          Topics.OUTCOMES,
          TestIncidents.outcome(incident, BILLING, ExecutionStatus.REVERTED, 2, 2));

      Escalated open =
          (Escalated)
              ReviewProposalIntegrationTest.await(probe, Topics.ESCALATIONS, incident).get(0);
      assertThat(open.reason()).isEqualTo(EscalationReason.BREAKER_OPEN);
      assertThat(open.target()).isEqualTo(BILLING);
      assertThat(breaker("payments").get("state").asString()).isEqualTo("OPEN");

      try (ConfigurableApplicationContext restarted = restart()) {
        assertThat(restarted.getBean(GuardrailState.class).breakers().of("payments").state())
            .as("breaker state rebuilt from the audit log after a restart")
            .isEqualTo(BreakerState.OPEN);
      }

      var reset =
          Http.post(
              port,
              "/api/v1/breakers/payments/reset",
              "{\"operator\":\"alice\",\"reason\":\"billing recovered by hand\"}",
              TOKEN);
      assertThat(reset.statusCode()).isEqualTo(200);
      assertThat(EventCodec.mapper().readTree(reset.body()).get("state").asString())
          .isEqualTo("CLOSED");
      var control =
          ReviewProposalIntegrationTest.await(
              probe, Topics.CONTROL, IncidentId.of("breaker.payments"));
      assertThat(control.get(0))
          .isInstanceOfSatisfying(
              BreakerReset.class, r -> assertThat(r.operator()).isEqualTo("alice"));
      assertThat(io.backstop.events.fixtures.Keys.verifier().isSigned(control.get(0)))
          .as("the reset carries the guardrail's signature")
          .isTrue();
      assertThat(state.breakers().allowsWrite("payments")).isTrue();
    }
  }

  @Test
  void aResetNobodySignedOnTheAuditLogDoesNotReopenWritesAfterARestart() {
    IncidentId incident = TestIncidents.fresh("forged-reset");
    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(
          Topics.OUTCOMES,
          TestIncidents.outcome(incident, LEDGER, ExecutionStatus.NOT_RECOVERED, 1, 3));
      probe.send(
          Topics.OUTCOMES, TestIncidents.outcome(incident, LEDGER, ExecutionStatus.REVERTED, 2, 2));
      ReviewProposalIntegrationTest.await(probe, Topics.ESCALATIONS, incident);
      BreakerReset forged =
          io.backstop.events.codec.EventCodec.seal(
              new BreakerReset(
                  io.backstop.events.EventHeader.first(
                      IncidentId.of("breaker.ledger"),
                      "forged-" + incident.value(),
                      io.backstop.events.Stage.GUARDRAIL,
                      java.time.Instant.now()),
                  "ledger",
                  "mallory",
                  "reopen writes"));
      probe.send(Topics.AUDIT, forged);

      try (ConfigurableApplicationContext restarted = restart()) {
        assertThat(restarted.getBean(GuardrailState.class).breakers().of("ledger").state())
            .isEqualTo(BreakerState.OPEN);
        assertThat(restarted.getBean(io.backstop.guardrail.StateReplay.class).refusedResets())
            .isPositive();
      }
    }
  }

  @Test
  void aResetWithoutOperatorOrReasonIsRefused() {
    var response = Http.post(port, "/api/v1/breakers/payments/reset", "{\"reason\":\"x\"}", TOKEN);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(EventCodec.mapper().readTree(response.body()).get("field").asString())
        .isEqualTo("operator");
  }

  private JsonNode breaker(String namespace) {
    JsonNode all = EventCodec.mapper().readTree(Http.get(port, "/api/v1/breakers", TOKEN).body());
    for (JsonNode b : all) {
      if (namespace.equals(b.get("namespace").asString())) {
        return b;
      }
    }
    throw new AssertionError("no breaker for " + namespace + " in " + all);
  }

  /** A second instance against the same broker, consumers off: it only rebuilds state. */
  private static final io.backstop.events.signal.WorkloadRef LEDGER =
      io.backstop.events.signal.WorkloadRef.deployment("ledger", "journal");

  private ConfigurableApplicationContext restart() {
    return new SpringApplicationBuilder(GuardrailApplication.class, FixedClockConfiguration.class)
        .properties(
            "spring.kafka.bootstrap-servers=" + bootstrap,
            "spring.main.banner-mode=off",
            "backstop.guardrail.admin-token=" + TOKEN,
            "spring.cloud.stream.bindings.guard-in-0.consumer.auto-startup=false")
        .run(
            "--server.port=0",
            "--backstop.guardrail.signing.private-key="
                + io.backstop.events.fixtures.Keys.GUARDRAIL_PRIVATE_PEM_ONE_LINE);
  }
}
