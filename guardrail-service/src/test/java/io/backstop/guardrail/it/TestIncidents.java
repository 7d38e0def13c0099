package io.backstop.guardrail.it;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.EventHeader;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Stage;
import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.action.Preconditions;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.id.ActionId;
import io.backstop.events.id.IncidentId;
import io.backstop.events.signal.WorkloadRef;
import java.util.List;
import java.util.UUID;

/** Each test works on an incident of its own, so tests sharing the broker never see each other. */
final class TestIncidents {

  private TestIncidents() {}

  /**
   * Every test of the shared context approves writes to shop/checkout, and the loop rule allows
   * only so many writes to one Deployment per window: a test that expects an approval first resets
   * the namespace through the admin endpoint, as an operator would, so it never depends on which
   * tests ran before it.
   */
  static void quietNamespace(int port, String namespace) {
    var reset =
        Http.post(
            port,
            "/api/v1/breakers/" + namespace + "/reset",
            "{\"operator\":\"it-"
                + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"reason\":\"a fresh test\"}",
            GuardrailIntegration.ADMIN_TOKEN);
    if (reset.statusCode() != 200) {
      throw new AssertionError(
          "breaker reset answered " + reset.statusCode() + ": " + reset.body());
    }
  }

  static IncidentId fresh(String label) {
    return IncidentId.of("it-" + label + "-" + UUID.randomUUID().toString().substring(0, 8));
  }

  @SuppressWarnings("unchecked")
  static <T extends IncidentEvent> T under(IncidentId incident, T event) {
    return (T)
        EventCodec.seal(event.withHeader(event.header().withIncident(incident).withHash(null)));
  }

  /** Another proposal attempt for the same incident: a distinct event id, same content. */
  static DiagnosisProposed attempt(IncidentId incident, DiagnosisProposed diagnosis, int attempt) {
    EventHeader header =
        EventHeader.reactingTo(
            diagnosis.signals(), Stage.DIAGNOSIS, DiagnosisProposed.class, attempt, Fixtures.NOW);
    return under(incident, diagnosis.withHeader(header));
  }

  /** An executor outcome for a restart of {@code target}, at {@code minutesAgo}. */
  static ActionExecuted outcome(
      IncidentId incident, WorkloadRef target, ExecutionStatus status, int n, long minutesAgo) {
    var cause = Diagnoses.honestRollback();
    var approvedHeader =
        EventHeader.reactingTo(
            cause, Stage.GUARDRAIL, ActionApproved.class, n, Fixtures.minutesAgo(minutesAgo));
    var approval =
        under(
            incident,
            new ActionApproved(
                approvedHeader,
                ActionId.derive(incident, approvedHeader.eventId()),
                ApprovedAction.restart(target),
                new Preconditions(1, "abcdef0", "registry.local/x:abcdef0", 2),
                List.of(),
                10,
                cause));
    var header =
        EventHeader.reactingTo(
            approval, Stage.EXECUTOR, ActionExecuted.class, 1, Fixtures.minutesAgo(minutesAgo));
    return under(
        incident,
        new ActionExecuted(
            header,
            approval.actionId(),
            approval.action(),
            status,
            1L,
            1L,
            null,
            null,
            null,
            "test"));
  }
}
