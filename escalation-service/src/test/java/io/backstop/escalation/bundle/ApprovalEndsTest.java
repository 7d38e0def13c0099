package io.backstop.escalation.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.escalation.bundle.ApprovalEnds.Outcome;
import io.backstop.events.ActionApproved;
import io.backstop.events.ApprovalRequested;
import io.backstop.events.Escalated;
import io.backstop.events.EventHeader;
import io.backstop.events.HumanDecision;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Stage;
import io.backstop.events.alert.AlertSeverity;
import io.backstop.events.approval.DecisionVerdict;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.events.fixtures.Decisions;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.id.ActionId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalEndsTest {

  private static final ApprovalRequested REQUEST = Decisions.approvalRequested();
  private static final String URL = "https://backstop.example/approvals/" + REQUEST.actionId();

  @Test
  void anApprovalNoOneDecidedIsPendingAndUnsettled() {
    List<IncidentEvent> events = List.of(REQUEST);

    assertThat(ApprovalEnds.all(events))
        .singleElement()
        .extracting(e -> e.outcome())
        .isEqualTo(Outcome.PENDING);
    assertThat(ApprovalEnds.unsettled(events, null)).hasSize(1);
    assertThat(ApprovalEnds.endedBy(REQUEST, events)).isEmpty();
  }

  @Test
  void aPersonsApprovalSaysWhoWhenFromWhereAndWhatComesNext() {
    HumanDecision yes = Decisions.approvedByAlice();
    ActionApproved approved = Decisions.humanApproved();
    List<IncidentEvent> events = List.of(REQUEST, yes, approved);

    ApprovalEnds.End end = ApprovalEnds.endedBy(approved, events).orElseThrow();

    assertThat(end.outcome()).isEqualTo(Outcome.APPROVED);
    assertThat(end.at()).isEqualTo(yes.decidedAt());
    assertThat(end.sentence(URL))
        .startsWith("Approval of ROLLBACK")
        .contains(
            "APPROVED by alice at "
                + yes.decidedAt()
                + " (console 127.0.0.1: \"revision 3 crash-loops since its deploy; 2 ran a day\")")
        .contains("The executor writes it next")
        .doesNotContain("Nothing was written")
        .endsWith("Console: " + URL);
    assertThat(ApprovalEnds.unsettled(events, null)).isEmpty();
  }

  @Test
  void theGuardrailsOwnApprovalEndsNoApproval() {
    List<IncidentEvent> events = List.of(REQUEST, Decisions.rollbackApproved());

    assertThat(ApprovalEnds.endedBy(Decisions.rollbackApproved(), events)).isEmpty();
  }

  @Test
  void aDenialNamesTheDenierAndSaysNothingWasWrittenAndTheIncidentStaysOpen() {
    HumanDecision no = decision(REQUEST, "bob", DecisionVerdict.DENIED, "not now");
    Escalated denied = escalated(no, EscalationReason.APPROVAL_DENIED);
    List<IncidentEvent> events = List.of(REQUEST, no, denied);

    ApprovalEnds.End end = ApprovalEnds.endedBy(denied, events).orElseThrow();

    assertThat(end.outcome()).isEqualTo(Outcome.DENIED);
    assertThat(end.at()).isEqualTo(no.decidedAt());
    assertThat(end.sentence(""))
        .contains("DENIED by bob at " + no.decidedAt() + " (console 10.0.0.7: \"not now\")")
        .contains("Nothing was written; the incident stays open until a person closes it.")
        .doesNotContain("Console:");
    assertThat(ApprovalEnds.unsettled(events, null)).hasSize(1);
  }

  @Test
  void aLapseSaysWhenAndHowManyOfTheNeededApprovalsCame() {
    Escalated lapsed = escalated(REQUEST, EscalationReason.APPROVAL_EXPIRED);
    List<IncidentEvent> events = List.of(REQUEST, lapsed);

    ApprovalEnds.End end = ApprovalEnds.endedBy(lapsed, events).orElseThrow();

    assertThat(end.outcome()).isEqualTo(Outcome.EXPIRED);
    assertThat(end.at()).isEqualTo(REQUEST.expiresAt());
    assertThat(end.sentence(URL))
        .contains("EXPIRED at " + REQUEST.expiresAt() + " with 0 of 1 approval(s)")
        .contains("Nothing was written");
  }

  @Test
  void anApprovalTheReCheckRefusedIsBlockedAndUnsettled() {
    HumanDecision yes = decision(REQUEST, "alice", DecisionVerdict.APPROVED, "go");
    Escalated refused = escalated(yes, EscalationReason.BREAKER_OPEN);
    List<IncidentEvent> events = List.of(REQUEST, yes, refused);

    ApprovalEnds.End end = ApprovalEnds.endedBy(refused, events).orElseThrow();

    assertThat(end.outcome()).isEqualTo(Outcome.BLOCKED);
    assertThat(end.sentence(""))
        .contains("APPROVED by alice at")
        .contains("then REFUSED by the guardrail's re-check (BREAKER_OPEN: ");
    assertThat(ApprovalEnds.unsettled(events, null)).hasSize(1);
  }

  @Test
  void anEscalationThatIsNoApprovalsEndingEndsNothing() {
    List<IncidentEvent> events = List.of(REQUEST, Decisions.actionBlocked());

    assertThat(ApprovalEnds.endedBy(Decisions.actionBlocked(), events)).isEmpty();
    assertThat(ApprovalEnds.endedBy(Decisions.rollbackVerified(), events)).isEmpty();
  }

  @Test
  void theActionWhoseOutcomeIsReportedDoesNotKeepItsOwnIncidentOpen() {
    HumanDecision no = decision(REQUEST, "bob", DecisionVerdict.DENIED, "no");
    List<IncidentEvent> events =
        new ArrayList<>(List.of(REQUEST, no, escalated(no, EscalationReason.APPROVAL_DENIED)));

    assertThat(ApprovalEnds.unsettled(events, REQUEST.actionId())).isEmpty();
    assertThat(ApprovalEnds.unsettled(events, ActionId.of("00000000-0000-0000-0000-000000000001")))
        .singleElement()
        .extracting(e -> e.outcome())
        .isEqualTo(Outcome.DENIED);
  }

  private static HumanDecision decision(
      ApprovalRequested request, String who, DecisionVerdict verdict, String comment) {
    Instant at = request.header().occurredAt().plusSeconds(90);
    return EventCodec.seal(
        new HumanDecision(
            new EventHeader(
                HumanDecision.idFor(request.eventId(), who, verdict),
                request.incidentId(),
                request.eventId(),
                Stage.ESCALATION,
                at,
                1,
                request.header().hash(),
                null),
            request.actionId(),
            verdict,
            who,
            at,
            "console 10.0.0.7",
            comment));
  }

  private static Escalated escalated(IncidentEvent cause, EscalationReason reason) {
    return EventCodec.seal(
        new Escalated(
            EventHeader.reactingTo(
                cause, Stage.GUARDRAIL, Escalated.class, 1, cause.header().occurredAt()),
            reason,
            AlertSeverity.CRITICAL,
            Signals.CHECKOUT,
            reason + ": the guardrail's summary",
            "Take over the incident.",
            List.of()));
  }
}
