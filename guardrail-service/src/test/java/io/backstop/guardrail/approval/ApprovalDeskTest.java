package io.backstop.guardrail.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.ActionApproved;
import io.backstop.events.ApprovalRequested;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.Escalated;
import io.backstop.events.EventHeader;
import io.backstop.events.HumanDecision;
import io.backstop.events.IncidentEvent;
import io.backstop.events.RequestRefused;
import io.backstop.events.Stage;
import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.Preconditions;
import io.backstop.events.approval.DecisionVerdict;
import io.backstop.events.approval.RefusalReason;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.diagnosis.RecommendedAction;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.id.ActionId;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.guardrail.GuardrailProperties;
import io.backstop.guardrail.review.ProposalReviewer;
import io.backstop.guardrail.state.GuardrailState;
import io.backstop.safety.Guardrails;
import io.backstop.safety.plan.SignalPlans;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guardrail's handling of {@link HumanDecision}: every decision ends in exactly one fact (or,
 * short of the quorum, in being counted), and no approval, however it was made, writes a protected
 * resource, anything outside the vocabulary, or anything but what the rules built.
 */
class ApprovalDeskTest {

  private final MovableClock clock = new MovableClock(Fixtures.NOW);
  private final Guardrails guardrails = Guardrails.load(Optional.empty(), clock);
  private final GuardrailState state = new GuardrailState(guardrails);
  private final ApprovalBook book = new ApprovalBook();
  private final Recorded log = new Recorded();
  private final ApprovalDesk desk = desk(List.of());

  private ApprovalDesk desk(List<String> approvers) {
    return new ApprovalDesk(
        book,
        state,
        guardrails,
        log,
        new GuardrailProperties(
            null,
            null,
            false,
            Duration.ofSeconds(30),
            null,
            new GuardrailProperties.Approval(Duration.ofSeconds(1), approvers)),
        clock);
  }

  /** A fallback model's grounded rollback at 0.75: the guardrail asks a person. */
  private ApprovalRequested requested() {
    DiagnosisProposed unsure =
        EventCodec.seal(
            Diagnoses.proposal(
                Signals.badDeploy(),
                "checkout revision 3 crash-loops since it rolled out",
                "checkout",
                Signals.SHA_REV3,
                0.75,
                List.of("E1", "E2", "E3", "E4"),
                Diagnoses.honestRollback().action(),
                "llama",
                ModelTier.FALLBACK,
                List.of(Diagnoses.okCall("llama", ModelTier.FALLBACK))));
    IncidentEvent event = new ProposalReviewer(guardrails, state, clock).review(unsure);
    assertThat(event).isInstanceOf(ApprovalRequested.class);
    return open((ApprovalRequested) event);
  }

  private ApprovalRequested open(ApprovalRequested request) {
    ApprovalRequested sealed = log.publish(request);
    state.apply(sealed);
    book.apply(sealed);
    return sealed;
  }

  private static HumanDecision decision(
      ApprovalRequested request, String who, DecisionVerdict verdict, String comment) {
    return decision(request, who, verdict, comment, Stage.ESCALATION);
  }

  private static HumanDecision decision(
      ApprovalRequested request, String who, DecisionVerdict verdict, String comment, Stage stage) {
    Instant at = Fixtures.NOW.plusSeconds(30);
    return EventCodec.seal(
        new HumanDecision(
            new EventHeader(
                HumanDecision.idFor(request.eventId(), who, verdict),
                request.incidentId(),
                request.eventId(),
                stage,
                at,
                1,
                request.header().hash(),
                null),
            request.actionId(),
            verdict,
            who,
            at,
            "console 127.0.0.1",
            comment));
  }

  @Test
  void anApprovalReleasesExactlyTheWriteThePersonSawNamingThem() {
    ApprovalRequested request = requested();

    List<IncidentEvent> out =
        desk.decide(decision(request, "alice", DecisionVerdict.APPROVED, "rev 3 is the bad one"));

    ActionApproved approved = (ActionApproved) out.get(0);
    assertThat(out).hasSize(1);
    assertThat(approved.actionId()).isEqualTo(request.actionId());
    assertThat(approved.action()).isEqualTo(request.action());
    assertThat(approved.preconditions()).isEqualTo(request.preconditions());
    assertThat(approved.approvers()).extracting("principal").containsExactly("alice");
    assertThat(approved.verdicts()).extracting("policyId").contains("approval.quorum");
    assertThat(approved.header().parentHash()).isNotNull();
  }

  @Test
  void aRedeliveredDecisionGivesTheSameApprovalAgainAndNoOther() {
    ApprovalRequested request = requested();
    HumanDecision yes = decision(request, "alice", DecisionVerdict.APPROVED, "ok");

    IncidentEvent first = desk.decide(yes).get(0);
    IncidentEvent again = desk.decide(yes).get(0);

    assertThat(again).isEqualTo(first);
    assertThat(log.of(ActionApproved.class).stream().map(IncidentEvent::eventId).distinct())
        .hasSize(1);
  }

  @Test
  void aDenialClosesTheApprovalAndLaterApprovalsAreRefused() {
    ApprovalRequested request = requested();

    Escalated denied =
        (Escalated)
            desk.decide(decision(request, "bob", DecisionVerdict.DENIED, "cart depends on rev 3"))
                .get(0);
    List<IncidentEvent> late =
        desk.decide(decision(request, "alice", DecisionVerdict.APPROVED, "looks fine"));

    assertThat(denied.reason()).isEqualTo(EscalationReason.APPROVAL_DENIED);
    assertThat(denied.summary()).contains("bob", "cart depends on rev 3");
    assertThat(((RequestRefused) late.get(0)).reason()).isEqualTo(RefusalReason.ALREADY_DECIDED);
    assertThat(log.of(ActionApproved.class)).isEmpty();
  }

  @Test
  void anApprovalLeftAloneExpiresOnTimeAndALateDecisionIsRefused() {
    ApprovalRequested request = requested();
    clock.advance(Duration.ofMinutes(14));
    assertThat(desk.expireDue()).isEmpty();

    clock.advance(Duration.ofMinutes(1));
    List<IncidentEvent> lapsed = desk.expireDue();
    List<IncidentEvent> late =
        desk.decide(decision(request, "alice", DecisionVerdict.APPROVED, "sorry, was away"));

    assertThat(lapsed).singleElement().isInstanceOf(Escalated.class);
    assertThat(((Escalated) lapsed.get(0)).reason()).isEqualTo(EscalationReason.APPROVAL_EXPIRED);
    assertThat(((RequestRefused) late.get(0)).reason()).isEqualTo(RefusalReason.EXPIRED);
    assertThat(desk.expireDue()).as("expires once").isEmpty();
    assertThat(log.of(ActionApproved.class)).isEmpty();
  }

  @Test
  void aDecisionArrivingAfterTheDeadlineExpiresTheApprovalBeforeAnySweep() {
    ApprovalRequested request = requested();
    clock.advance(Duration.ofMinutes(16));

    List<IncidentEvent> out =
        desk.decide(decision(request, "alice", DecisionVerdict.APPROVED, "approve"));

    assertThat(out).hasSize(2);
    assertThat(((Escalated) out.get(0)).reason()).isEqualTo(EscalationReason.APPROVAL_EXPIRED);
    assertThat(((RequestRefused) out.get(1)).reason()).isEqualTo(RefusalReason.EXPIRED);
  }

  @Test
  void aDecisionForAnApprovalNeverRequestedIsRefusedOnTheRecord() {
    ApprovalRequested request = requested();
    HumanDecision real = decision(request, "alice", DecisionVerdict.APPROVED, "approve");
    HumanDecision stray =
        EventCodec.seal(
            new HumanDecision(
                real.header().withHash(null),
                ActionId.of("00000000-0000-0000-0000-00000000dead"),
                real.verdict(),
                real.principal(),
                real.decidedAt(),
                real.origin(),
                real.comment()));

    List<IncidentEvent> out = desk.decide(stray);

    assertThat(((RequestRefused) out.get(0)).reason()).isEqualTo(RefusalReason.UNKNOWN_APPROVAL);
    assertThat(log.of(RequestRefused.class)).hasSize(1);
    assertThat(log.stage).noneMatch(RequestRefused.class::isInstance);
  }

  static Stream<Arguments> refusedDecisions() {
    return Stream.of(
        Arguments.of(
            "no comment",
            (Supplier<Object[]>) () -> new Object[] {"alice", "", Stage.ESCALATION},
            RefusalReason.MALFORMED),
        Arguments.of(
            "not from the console",
            (Supplier<Object[]>) () -> new Object[] {"alice", "ok", Stage.TRIAGE},
            RefusalReason.NOT_ALLOWED),
        Arguments.of(
            "a service, not a person",
            (Supplier<Object[]>) () -> new Object[] {"executor-service", "ok", Stage.ESCALATION},
            RefusalReason.NOT_ALLOWED),
        Arguments.of(
            "anonymous",
            (Supplier<Object[]>) () -> new Object[] {"anonymous", "ok", Stage.ESCALATION},
            RefusalReason.NOT_ALLOWED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedDecisions")
  void aDecisionThatCannotCountIsRefusedAndTheApprovalStaysOpen(
      String name, Supplier<Object[]> shape, RefusalReason reason) {
    ApprovalRequested request = requested();
    Object[] s = shape.get();

    List<IncidentEvent> out =
        desk.decide(
            decision(
                request, (String) s[0], DecisionVerdict.APPROVED, (String) s[1], (Stage) s[2]));

    assertThat(((RequestRefused) out.get(0)).reason()).isEqualTo(reason);
    assertThat(book.find(request.incidentId(), request.actionId()).orElseThrow().open()).isTrue();
    assertThat(book.find(request.incidentId(), request.actionId()).orElseThrow().approvers())
        .isEmpty();
  }

  @Test
  void onlyPeopleOnTheApproverListCountWhenTheListIsSet() {
    ApprovalDesk strict = desk(List.of("Alice"));
    ApprovalRequested request = requested();

    List<IncidentEvent> mallory =
        strict.decide(decision(request, "mallory", DecisionVerdict.APPROVED, "trust me"));
    List<IncidentEvent> alice =
        strict.decide(decision(request, "alice", DecisionVerdict.APPROVED, "checked"));

    assertThat(((RequestRefused) mallory.get(0)).reason()).isEqualTo(RefusalReason.NOT_ALLOWED);
    assertThat(alice.get(0)).isInstanceOf(ActionApproved.class);
  }

  @Test
  void aTwoPersonRuleNeedsTwoDistinctPeopleAndOneCannotCountTwice() {
    ApprovalRequested request = open(withApprovers(requested(), 2));

    List<IncidentEvent> first =
        desk.decide(decision(request, "alice", DecisionVerdict.APPROVED, "checked"));
    List<IncidentEvent> again =
        desk.decide(decision(request, "ALICE", DecisionVerdict.APPROVED, "checked twice"));
    List<IncidentEvent> second =
        desk.decide(decision(request, "bob", DecisionVerdict.APPROVED, "agree"));

    assertThat(first).as("one of two: counted, nothing released yet").isEmpty();
    assertThat(((RequestRefused) again.get(0)).reason()).isEqualTo(RefusalReason.SAME_APPROVER);
    assertThat(((ActionApproved) second.get(0)).approvers())
        .extracting("principal")
        .containsExactly("alice", "bob");
  }

  @Test
  void theBookRebuiltFromTheLogAgreesWithTheLiveBook() {
    ApprovalRequested request = open(withApprovers(requested(), 2));
    HumanDecision alice = decision(request, "alice", DecisionVerdict.APPROVED, "checked");
    HumanDecision again = decision(request, "ALICE", DecisionVerdict.APPROVED, "again");
    desk.decide(alice);
    desk.decide(again);

    ApprovalBook replayed = new ApprovalBook();
    List<IncidentEvent> everything = new java.util.ArrayList<>(log.audit);
    assertThat(everything).hasSize(3);
    everything.add(2, alice);
    everything.add(3, again);
    everything.forEach(replayed::apply);

    var live = book.find(request.incidentId(), request.actionId()).orElseThrow();
    var rebuilt = replayed.find(request.incidentId(), request.actionId()).orElseThrow();
    assertThat(rebuilt.approvers()).isEqualTo(live.approvers()).hasSize(1);
    assertThat(rebuilt.open()).isTrue();
  }

  /**
   * Approvals the guardrail never asked for (forged onto the log, or asked under rules since
   * changed): a person approving them still gets no write. Each row names the write.
   */
  static Stream<Arguments> approvalsThatMustNeverWrite() {
    DiagnosisProposed honest = Diagnoses.honestRollback();
    Preconditions seen =
        new Preconditions(3, Signals.SHA_REV3, "registry.local/shop/checkout:9c41d0e5b7a3", 3);
    return Stream.of(
        Arguments.of(
            "restart of prod-db, a protected name",
            honest,
            ApprovedAction.restart(WorkloadRef.deployment("shop", "prod-db")),
            seen),
        Arguments.of(
            "restart of coredns in kube-system",
            honest,
            ApprovedAction.restart(WorkloadRef.deployment("kube-system", "coredns")),
            seen),
        Arguments.of(
            "another revision than the rules built",
            honest,
            ApprovedAction.rollback(Signals.CHECKOUT, 1, Signals.SHA_REV1),
            seen),
        Arguments.of(
            "a scale far out of bounds", honest, ApprovedAction.scale(Signals.CHECKOUT, 50), seen),
        Arguments.of(
            "stale preconditions",
            honest,
            ApprovedAction.rollback(Signals.CHECKOUT, 2, Signals.SHA_REV2),
            new Preconditions(2, Signals.SHA_REV2, "img", 3)),
        Arguments.of(
            "a diagnosis that asked to delete",
            withVerb(honest, "DELETE"),
            ApprovedAction.restart(Signals.CHECKOUT),
            seen),
        Arguments.of(
            "a diagnosis scoped to all",
            withScope(honest, "all"),
            ApprovedAction.rollback(Signals.CHECKOUT, 2, Signals.SHA_REV2),
            seen),
        Arguments.of(
            "a hallucinated diagnosis",
            Diagnoses.hallucinatedRollbackAll(),
            ApprovedAction.rollback(Signals.CHECKOUT, 2, Signals.SHA_REV2),
            seen));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("approvalsThatMustNeverWrite")
  void noApprovalWritesWhatAHardRuleStops(
      String name, DiagnosisProposed diagnosis, ApprovedAction action, Preconditions seen) {
    ApprovalRequested forged = open(forged(diagnosis, action, seen));

    List<IncidentEvent> out =
        desk.decide(decision(forged, "alice", DecisionVerdict.APPROVED, "looks right to me"));

    assertThat(out).singleElement().isInstanceOf(Escalated.class);
    assertThat(((Escalated) out.get(0)).reason())
        .isIn(EscalationReason.ACTION_BLOCKED, EscalationReason.INTERNAL_ERROR);
    assertThat(log.of(ActionApproved.class)).isEmpty();
  }

  @Test
  void theRecheckRefusesWhenTheIncidentWroteSinceTheRequest() {
    ApprovalRequested request = requested();
    state.apply(
        EventCodec.seal(
            new ActionApproved(
                EventHeader.reactingTo(
                    request, Stage.GUARDRAIL, ActionApproved.class, 9, clock.instant()),
                ActionId.derive(request.incidentId(), request.eventId()),
                ApprovedAction.restart(Signals.CART),
                new Preconditions(1, Signals.CART_SHA, "img", 2),
                List.of(),
                10,
                request.diagnosis())));

    List<IncidentEvent> out =
        desk.decide(decision(request, "alice", DecisionVerdict.APPROVED, "approve"));

    assertThat(((Escalated) out.get(0)).reason()).isEqualTo(EscalationReason.ACTION_BLOCKED);
    assertThat(((Escalated) out.get(0)).verdicts())
        .extracting("policyId")
        .contains("action.one-write-per-incident");
  }

  private ApprovalRequested forged(
      DiagnosisProposed diagnosis, ApprovedAction action, Preconditions seen) {
    ActionId id = ActionId.derive(diagnosis.incidentId(), diagnosis.eventId());
    var plan =
        SignalPlans.plan(
                ApprovedAction.restart(Signals.CHECKOUT),
                id,
                diagnosis.incidentId(),
                Signals.badDeploy(),
                clock.instant())
            .orElseThrow();
    return new ApprovalRequested(
        EventHeader.reactingTo(
            diagnosis, Stage.GUARDRAIL, ApprovalRequested.class, 1, clock.instant()),
        id,
        action,
        plan,
        seen,
        List.of(),
        EscalationReason.TIER_AUTONOMY_LIMIT,
        "forged",
        clock.instant().plus(Duration.ofMinutes(15)),
        1,
        10,
        diagnosis);
  }

  private static ApprovalRequested withApprovers(ApprovalRequested r, int approvers) {
    return new ApprovalRequested(
        EventHeader.reactingTo(
            r.diagnosis(), Stage.GUARDRAIL, ApprovalRequested.class, 2, r.header().occurredAt()),
        ActionId.derive(r.incidentId(), r.eventId()),
        r.action(),
        r.plan(),
        r.preconditions(),
        r.verdicts(),
        r.reason(),
        r.summary(),
        r.expiresAt(),
        approvers,
        r.budgetLeft(),
        r.diagnosis());
  }

  private static DiagnosisProposed withVerb(DiagnosisProposed d, String verb) {
    RecommendedAction a = d.action();
    return withAction(
        d,
        new RecommendedAction(
            verb,
            a.target(),
            a.namespace(),
            a.scope(),
            a.revision(),
            a.gitSha(),
            a.replicas(),
            Map.of()));
  }

  private static DiagnosisProposed withScope(DiagnosisProposed d, String scope) {
    RecommendedAction a = d.action();
    return withAction(
        d,
        new RecommendedAction(
            a.type(),
            a.target(),
            a.namespace(),
            scope,
            a.revision(),
            a.gitSha(),
            a.replicas(),
            Map.of()));
  }

  private static DiagnosisProposed withAction(DiagnosisProposed d, RecommendedAction action) {
    return EventCodec.seal(
        Diagnoses.proposal(
            d.signals(),
            d.hypothesis(),
            d.suspectedResource(),
            d.suspectedDeploySha(),
            d.confidence(),
            d.citedEvidence(),
            action,
            d.answeredBy(),
            d.tier(),
            d.calls()));
  }

  /** A clock the test moves. */
  static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
