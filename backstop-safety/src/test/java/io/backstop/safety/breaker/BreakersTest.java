package io.backstop.safety.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.BreakerReset;
import io.backstop.events.EventHeader;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Stage;
import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.action.Preconditions;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.id.ActionId;
import io.backstop.events.id.IncidentId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BreakersTest {

  private static final BreakerSettings SETTINGS = new BreakerSettings(Duration.ofMinutes(30), 3, 2);
  private static final ApprovedAction RESTART = ApprovedAction.restart(Signals.CART);

  @Test
  void legalTransitionsAreClosedToOpenByTripAndOpenToClosedOnlyByReset() {
    assertThat(BreakerState.CLOSED.next(BreakerState.Transition.TRIP)).isEqualTo(BreakerState.OPEN);
    assertThat(BreakerState.OPEN.next(BreakerState.Transition.RESET))
        .isEqualTo(BreakerState.CLOSED);
    assertThatThrownBy(() -> BreakerState.CLOSED.next(BreakerState.Transition.RESET))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> BreakerState.OPEN.next(BreakerState.Transition.TRIP))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void tripsOpenOnTheFailedRecoveryThatReachesTheLimitWithinTheWindow() {
    var breakers = new Breakers(SETTINGS, Fixtures.CLOCK);

    assertThat(replayed(breakers, outcome(ExecutionStatus.NOT_RECOVERED, 20, 1))).isEmpty();
    var tripped = replayed(breakers, outcome(ExecutionStatus.REVERTED, 5, 2));

    assertThat(tripped).hasValueSatisfying(b -> assertThat(b.state()).isEqualTo(BreakerState.OPEN));
    assertThat(breakers.allowsWrite("shop")).isFalse();
    assertThat(breakers.allowsWrite("payments")).isTrue();
  }

  @Test
  void failedRecoveriesOutsideTheWindowDoNotTrip() {
    var breakers = new Breakers(SETTINGS, Fixtures.CLOCK);

    replayed(breakers, outcome(ExecutionStatus.NOT_RECOVERED, 50, 1));
    var second = replayed(breakers, outcome(ExecutionStatus.NOT_RECOVERED, 5, 2));

    assertThat(second).isEmpty();
    assertThat(breakers.allowsWrite("shop")).isTrue();
  }

  @Test
  void verifiedAndRefusedOutcomesNeverTrip() {
    var breakers = new Breakers(SETTINGS, Fixtures.CLOCK);

    for (int i = 0; i < 5; i++) {
      breakers.apply(
          outcome(i % 2 == 0 ? ExecutionStatus.VERIFIED : ExecutionStatus.REFUSED, i, i + 1));
    }

    assertThat(breakers.of("shop").state()).isEqualTo(BreakerState.CLOSED);
  }

  @Test
  void theWriteLimitInTheWindowStopsWritesUntilOldWritesLeaveTheWindow() {
    var now = new Breakers(SETTINGS, Fixtures.CLOCK);
    var later =
        new Breakers(SETTINGS, java.time.Clock.offset(Fixtures.CLOCK, Duration.ofMinutes(31)));

    for (int i = 0; i < 3; i++) {
      replayed(now, approval(i + 1, 1));
      replayed(later, approval(i + 1, 1));
    }

    assertThat(now.allowsWrite("shop")).isFalse();
    assertThat(now.of("shop").state()).isEqualTo(BreakerState.CLOSED);
    assertThat(later.allowsWrite("shop")).isTrue();
  }

  @Test
  void staysOpenUntilAHumanResetAndTheResetClearsTheWindow() {
    var breakers =
        new Breakers(SETTINGS, java.time.Clock.offset(Fixtures.CLOCK, Duration.ofHours(5)));
    replayed(breakers, outcome(ExecutionStatus.NOT_RECOVERED, 3, 1));
    replayed(breakers, outcome(ExecutionStatus.NOT_RECOVERED, 2, 2));

    assertThat(breakers.allowsWrite("shop")).as("hours later, still open").isFalse();

    breakers.apply(reset());

    assertThat(breakers.of("shop").state()).isEqualTo(BreakerState.CLOSED);
    assertThat(breakers.allowsWrite("shop")).isTrue();
  }

  @Test
  void aResetOfAClosedBreakerStartsTheLoopRecordAgainSoAPersonCanHandBackADeployment() {
    var breakers = new Breakers(SETTINGS, Fixtures.CLOCK);
    replayed(breakers, approval(20, 1));
    replayed(breakers, approval(10, 2));
    assertThat(breakers.recentWritesTo("shop", Signals.CART.name())).isEqualTo(2);

    breakers.apply(reset());

    assertThat(breakers.of("shop").state()).isEqualTo(BreakerState.CLOSED);
    assertThat(breakers.recentWritesTo("shop", Signals.CART.name())).isZero();
    assertThat(breakers.of("shop").writesInWindow(Fixtures.NOW, SETTINGS)).isZero();
  }

  @Test
  void aWriteSettlesWhenItsOutcomeIsSeenAndTheCooldownHasPassed() {
    var settings =
        new BreakerSettings(
            Duration.ofMinutes(30), 3, 2, Duration.ofHours(1), 2, Duration.ofMinutes(10));
    var breakers = new Breakers(settings, Fixtures.CLOCK);
    var approved = approval(20, 1);
    String incident = approved.incidentId().value();
    breakers.apply(approved, Fixtures.minutesAgo(20));

    assertThat(breakers.settlingWriteTo("shop", Signals.CART.name(), "another"))
        .as("no outcome yet")
        .hasValueSatisfying(w -> assertThat(w.incident()).isEqualTo(incident));
    assertThat(breakers.settlingWriteTo("shop", Signals.CART.name(), incident))
        .as("the incident's own write")
        .isEmpty();
    assertThat(breakers.settlingWriteTo("shop", Signals.CHECKOUT.name(), "another")).isEmpty();
    assertThat(breakers.settlingWriteTo("payments", Signals.CART.name(), "another")).isEmpty();

    breakers.apply(outcome(ExecutionStatus.VERIFIED, 5, 1), Fixtures.minutesAgo(5));
    assertThat(breakers.settlingWriteTo("shop", Signals.CART.name(), "another"))
        .as("written 5 minutes ago, within the 10-minute cool-down")
        .isPresent();

    var later =
        new Breakers(settings, java.time.Clock.offset(Fixtures.CLOCK, Duration.ofMinutes(6)));
    later.apply(approved, Fixtures.minutesAgo(20));
    later.apply(outcome(ExecutionStatus.VERIFIED, 5, 1), Fixtures.minutesAgo(5));
    assertThat(later.settlingWriteTo("shop", Signals.CART.name(), "another"))
        .as("11 minutes after it was written")
        .isEmpty();
  }

  @Test
  void anOutcomeThatWroteNothingSettlesTheWriteAtOnce() {
    var breakers = new Breakers(SETTINGS, Fixtures.CLOCK);
    breakers.apply(approval(3, 1), Fixtures.minutesAgo(3));
    breakers.apply(outcome(ExecutionStatus.DRY_RUN, 1, 1), Fixtures.minutesAgo(1));

    assertThat(breakers.settlingWriteTo("shop", Signals.CART.name(), "another")).isEmpty();
    assertThat(breakers.recentWritesTo("shop", Signals.CART.name()))
        .as("the loop record still counts the approval")
        .isEqualTo(1);
  }

  @Test
  void anOutcomeSettlesTheWriteItsActionIdNamesNotTheIncidentsLatest() {
    var breakers = new Breakers(SETTINGS, Fixtures.CLOCK);
    var first = approval(30, 1);
    var second = approval(5, 2);
    breakers.apply(first, Fixtures.minutesAgo(30));
    breakers.apply(outcome(ExecutionStatus.VERIFIED, 25, 1), Fixtures.minutesAgo(25));
    breakers.apply(second, Fixtures.minutesAgo(5));
    // a redelivered approval of the first write: the executor answers ALREADY_APPLIED again
    breakers.apply(outcome(ExecutionStatus.ALREADY_APPLIED, 2, 1), Fixtures.minutesAgo(2));

    assertThat(breakers.settlingWriteTo("shop", Signals.CART.name(), "another"))
        .as("the incident's second write is still in flight")
        .hasValueSatisfying(
            w -> {
              assertThat(w.actionId()).isEqualTo(second.actionId().value().toString());
              assertThat(w.settledAt()).isNull();
            });
  }

  @Test
  void anOutcomeForNoRecordedWriteSettlesNothing() {
    var breakers = new Breakers(SETTINGS, Fixtures.CLOCK);
    breakers.apply(approval(5, 1), Fixtures.minutesAgo(5));
    breakers.apply(outcome(ExecutionStatus.REFUSED, 3, 7), Fixtures.minutesAgo(3));

    assertThat(breakers.settlingWriteTo("shop", Signals.CART.name(), "another"))
        .hasValueSatisfying(w -> assertThat(w.settledAt()).isNull());
  }

  @Test
  void anAlreadyAppliedOutcomeStartsTheCooldownAsAWriteDoes() {
    var breakers = new Breakers(SETTINGS, Fixtures.CLOCK);
    breakers.apply(approval(5, 1), Fixtures.minutesAgo(5));
    breakers.apply(outcome(ExecutionStatus.ALREADY_APPLIED, 1, 1), Fixtures.minutesAgo(1));

    assertThat(breakers.settlingWriteTo("shop", Signals.CART.name(), "another"))
        .as("the write happened on an earlier delivery: the cool-down runs from this outcome")
        .hasValueSatisfying(
            w -> {
              assertThat(w.settledAt()).isEqualTo(Fixtures.minutesAgo(1));
              assertThat(w.wrote()).isTrue();
            });
  }

  @Test
  void replayingTheSameEventsRebuildsTheSameState() {
    List<IncidentEvent> log = new ArrayList<>();
    log.add(approval(10, 1));
    log.add(outcome(ExecutionStatus.NOT_RECOVERED, 8, 1));
    log.add(approval(6, 3));
    log.add(outcome(ExecutionStatus.REVERTED, 4, 3));
    log.add(approval(2, 5));
    var live = new Breakers(SETTINGS, Fixtures.CLOCK);
    log.forEach(e -> replayed(live, e));

    var rebuilt = new Breakers(SETTINGS, Fixtures.CLOCK);
    log.forEach(e -> replayed(rebuilt, e));

    assertThat(rebuilt.snapshot()).isEqualTo(live.snapshot());
    assertThat(rebuilt.of("shop").deploymentWrites())
        .extracting(NamespaceBreaker.DeploymentWrite::settledAt)
        .as("each outcome settles its own write, at its recorded time")
        .containsExactly(Fixtures.minutesAgo(8), Fixtures.minutesAgo(4), null);
    assertThat(rebuilt.settlingWriteTo("shop", Signals.CART.name(), "another"))
        .isEqualTo(live.settlingWriteTo("shop", Signals.CART.name(), "another"))
        .hasValueSatisfying(w -> assertThat(w.at()).isEqualTo(Fixtures.minutesAgo(2)));
    assertThat(rebuilt.of("shop").state()).isEqualTo(BreakerState.OPEN);
  }

  @Test
  void aWriteCountsAtTheConsumersClockNotAtTheTimeTheSenderWrote() {
    var breakers = new Breakers(SETTINGS, Fixtures.CLOCK);

    for (int i = 0; i < 3; i++) {
      breakers.apply(approval(24 * 60 + i, i + 1)); // back-dated by a day
    }

    assertThat(breakers.of("shop").writesInWindow(Fixtures.NOW, SETTINGS)).isEqualTo(3);
    assertThat(breakers.allowsWrite("shop")).isFalse();
  }

  @Test
  void aReplayedFactCannotBeDatedIntoTheFutureToStayInTheWindow() {
    var breakers = new Breakers(SETTINGS, Fixtures.CLOCK);

    breakers.apply(approval(1, 1), Fixtures.NOW.plus(Duration.ofDays(2)));

    var later =
        breakers.of("shop").writesInWindow(Fixtures.NOW.plus(Duration.ofMinutes(31)), SETTINGS);
    assertThat(later).isZero();
  }

  /** Applied as a replay does: at the time the log says it happened. */
  private static java.util.Optional<NamespaceBreaker> replayed(Breakers breakers, IncidentEvent e) {
    return breakers.apply(e, e.header().occurredAt());
  }

  static ActionExecuted outcome(ExecutionStatus status, long minutesAgo, int n) {
    var cause = approval(minutesAgo, n);
    var header =
        EventHeader.reactingTo(
            cause, Stage.EXECUTOR, ActionExecuted.class, 1, Fixtures.minutesAgo(minutesAgo));
    return new ActionExecuted(
        header, cause.actionId(), RESTART, status, 1L, 1L, null, null, null, "");
  }

  static ActionApproved approval(long minutesAgo, int n) {
    var cause = Diagnoses.honestRollback();
    var header =
        EventHeader.reactingTo(
            cause, Stage.GUARDRAIL, ActionApproved.class, n, Fixtures.minutesAgo(minutesAgo));
    return new ActionApproved(
        header,
        ActionId.derive(header.incidentId(), header.eventId()),
        RESTART,
        new Preconditions(1, Signals.CART_SHA, "img", 2),
        List.of(),
        10,
        cause);
  }

  static BreakerReset reset() {
    var header =
        EventHeader.first(IncidentId.of("breaker.shop"), "reset-1", Stage.GUARDRAIL, Fixtures.NOW);
    return new BreakerReset(header, "shop", "alice", "recovered by hand");
  }
}
