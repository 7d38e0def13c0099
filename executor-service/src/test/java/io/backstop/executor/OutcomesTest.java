package io.backstop.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.ActionExecuted;
import io.backstop.events.Escalated;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.executor.Outcomes.Snapshot;
import io.backstop.executor.fixtures.Approvals;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Whether a human hears of an outcome is decided by its status, never by the call site. */
class OutcomesTest {

  private final Outcomes outcomes =
      new Outcomes(
          Approvals.rollbackCheckout(),
          Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC));

  @ParameterizedTest
  @EnumSource(ExecutionStatus.class)
  void anOutcomeIsEscalatedExactlyWhenItsStatusNeedsAHuman(ExecutionStatus status) {
    var plain = outcomes.done(status, Snapshot.UNKNOWN, Snapshot.UNKNOWN, null, "because");
    var stated =
        outcomes.escalate(
            status,
            EscalationReason.INTERNAL_ERROR,
            Snapshot.UNKNOWN,
            Snapshot.UNKNOWN,
            null,
            "because",
            List.of(),
            "Look.");

    for (var events : List.of(plain, stated)) {
      assertThat(events.get(0))
          .isInstanceOfSatisfying(
              ActionExecuted.class, x -> assertThat(x.status()).isEqualTo(status));
      assertThat(events.stream().filter(Escalated.class::isInstance).count())
          .isEqualTo(status.needsHuman() ? 1 : 0);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = ExecutionStatus.class,
      names = {"NOT_RECOVERED", "REVERTED", "REVERT_NOT_RECOVERED", "REFUSED", "FAILED", "DRY_RUN"})
  void anOutcomeThatNeedsAHumanIsEscalatedWithTheReasonItsStatusImpliesWhenNoneIsStated(
      ExecutionStatus status) {
    var events = outcomes.done(status, Snapshot.UNKNOWN, Snapshot.UNKNOWN, null, "because");

    assertThat(events.get(1))
        .isInstanceOfSatisfying(
            Escalated.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Outcomes.Handover.of(status).why());
              assertThat(e.summary()).startsWith(status + " ROLLBACK").endsWith(": because");
              assertThat(e.header().causationId()).isEqualTo(events.get(0).eventId());
            });
  }

  @ParameterizedTest
  @EnumSource(
      value = ExecutionStatus.class,
      names = {"VERIFIED", "ALREADY_APPLIED"})
  void aRecoveredOrRepeatedOutcomeIsNeverEscalatedEvenWhenACallerAsks(ExecutionStatus status) {
    var events =
        outcomes.escalate(
            status,
            EscalationReason.NOT_RECOVERED,
            Snapshot.UNKNOWN,
            Snapshot.UNKNOWN,
            null,
            "because",
            List.of(),
            "Look.");

    assertThat(events).singleElement().isInstanceOf(ActionExecuted.class);
  }
}
