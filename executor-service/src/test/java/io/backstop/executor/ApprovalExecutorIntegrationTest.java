package io.backstop.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.Escalated;
import io.backstop.events.IncidentEvent;
import io.backstop.events.MetadataKeys;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.action.Preconditions;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.signal.ErrorBasis;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.executor.apiserver.ApiServerDispatcher;
import io.backstop.executor.apiserver.SandboxApi;
import io.backstop.executor.check.ActionRecheck;
import io.backstop.executor.fixtures.Approvals;
import io.backstop.executor.fixtures.InMemoryLedger;
import io.backstop.executor.fixtures.PrometheusQueryApi;
import io.backstop.executor.fixtures.ShopApi;
import io.backstop.executor.fixtures.StubChecks;
import io.backstop.executor.ledger.ActionLedger;
import io.backstop.executor.ledger.LedgerEntry;
import io.backstop.executor.ledger.LedgerState;
import io.backstop.executor.live.LiveDeployment;
import io.backstop.executor.live.LiveState;
import io.backstop.executor.live.PodState;
import io.backstop.executor.live.PreAction;
import io.backstop.executor.live.RevisionTemplate;
import io.backstop.executor.prometheus.PrometheusErrorSignal;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole write path against a simulated API server with a running deployment controller. */
class ApprovalExecutorIntegrationTest {

  SandboxApi api;
  KubernetesClient client;
  InMemoryLedger ledger;
  ApprovalExecutor executor;

  @BeforeEach
  void start() {
    api = ShopApi.start();
    api.controller().start();
    client = ExecutorRig.writeClient(api);
    ledger = new InMemoryLedger();
    executor = executorWith(ExecutorRig.properties(false), StubChecks.allowing());
  }

  @AfterEach
  void stop() {
    client.close();
    api.close();
  }

  ApprovalExecutor executorWith(ExecutorProperties properties, ActionRecheck recheck) {
    return ExecutorRig.executor(client, properties, ledger, recheck, StubChecks.breaker(5, 2));
  }

  @Test
  void rollsBackToTheApprovedRevisionsTemplateAndVerifiesRecovery() {
    List<IncidentEvent> out = executor.execute(Approvals.rollbackCheckout());

    ActionExecuted executed = executed(out);
    assertThat(executed.status()).as(executed.reason()).isEqualTo(ExecutionStatus.VERIFIED);
    assertThat(out).hasSize(1);
    assertThat(executed.revisionBefore()).isEqualTo(3);
    assertThat(executed.revisionAfter()).isEqualTo(4);
    assertThat(executed.shaAfter()).isEqualTo(Signals.SHA_REV2);
    assertThat(executed.verification().rolloutComplete()).isTrue();
    Deployment checkout = deployment("checkout");
    assertThat(checkout.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo(Approvals.IMAGE_REV2);
    assertThat(checkout.getSpec().getTemplate().getMetadata().getLabels())
        .doesNotContainKey(MetadataKeys.POD_TEMPLATE_HASH);
    assertThat(checkout.getMetadata().getAnnotations())
        .containsEntry(MetadataKeys.ACTION_ID, Approvals.rollbackCheckout().actionId().toString())
        .containsEntry(MetadataKeys.INCIDENT_ID, executed.incidentId().value());
    assertThat(writes()).hasSize(1);
    assertThat(api.dispatcher().dryRuns()).hasSize(1);
    assertThat(EventCodec.intact(executed)).isTrue();
  }

  @Test
  void restartsOneDeploymentWithARestartedAtAnnotationAndVerifiesIt() {
    ActionExecuted executed = executed(executor.execute(Approvals.restartCart()));

    assertThat(executed.status()).as(executed.reason()).isEqualTo(ExecutionStatus.VERIFIED);
    assertThat(deployment("cart").getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(MetadataKeys.RESTARTED_AT, Fixtures.NOW.toString());
    assertThat(executed.revisionAfter()).isEqualTo(2);
    assertThat(writes()).hasSize(1);
  }

  @Test
  void scalesThroughTheScaleSubresourceAndMarksTheDeployment() {
    ActionExecuted executed = executed(executor.execute(Approvals.scaleCart(4)));

    assertThat(executed.status()).as(executed.reason()).isEqualTo(ExecutionStatus.VERIFIED);
    assertThat(deployment("cart").getSpec().getReplicas()).isEqualTo(4);
    assertThat(executed.verification().readyReplicas()).isEqualTo(4);
    assertThat(writes()).hasSize(2);
    assertThat(writes().get(0)).contains("/deployments/cart/scale");
    assertThat(writes().get(1)).contains(MetadataKeys.pointer(MetadataKeys.ACTION_ID));
  }

  @Test
  void dryRunModePlansTheWriteButLeavesTheClusterUnchanged() {
    executor = executorWith(ExecutorRig.properties(true), StubChecks.allowing());
    Deployment before = deployment("checkout");

    List<IncidentEvent> out = executor.execute(Approvals.rollbackCheckout());

    assertThat(executed(out).status()).isEqualTo(ExecutionStatus.DRY_RUN);
    assertThat(executed(out).reason()).contains("dry-run mode").contains("/spec/template");
    assertThat(escalated(out).reason()).isEqualTo(EscalationReason.DRY_RUN);
    assertThat(writes()).isEmpty();
    assertThat(api.dispatcher().dryRuns()).isEmpty();
    assertThat(deployment("checkout").getSpec()).isEqualTo(before.getSpec());
    assertThat(ledger.history()).isEmpty();
  }

  @Test
  void refusesWhenTheLiveRevisionIsNotTheOneTheDecisionSaw() {
    ActionApproved stale =
        Approvals.approve(
            Approvals.rollbackCheckout().diagnosis(),
            Approvals.rollbackCheckout().action(),
            new Preconditions(2, Signals.SHA_REV2, Approvals.IMAGE_REV2, 3),
            1);

    List<IncidentEvent> out = executor.execute(stale);

    assertThat(executed(out).status()).isEqualTo(ExecutionStatus.REFUSED);
    assertThat(executed(out).reason()).contains("current revision is 3, the decision saw 2");
    assertThat(escalated(out).reason()).isEqualTo(EscalationReason.EXECUTION_REFUSED);
    assertThat(writes()).isEmpty();
  }

  @Test
  void refusesARollbackWhoseReplicaSetRunsAnotherShaThanApproved() {
    ActionApproved wrongSha =
        Approvals.approve(
            Approvals.rollbackCheckout().diagnosis(),
            io.backstop.events.action.ApprovedAction.rollback(
                Signals.CHECKOUT, 2, "e4f5a6b7c8d9e4f5a6b7c8d9e4f5a6b7c8d9e4f5"),
            Approvals.rollbackCheckout().preconditions(),
            1);

    ActionExecuted executed = executed(executor.execute(wrongSha));

    assertThat(executed.status()).isEqualTo(ExecutionStatus.REFUSED);
    assertThat(executed.reason()).contains("the approval names e4f5a6b7c8d9");
    assertThat(writes()).isEmpty();
  }

  @Test
  void refusesAForgedApprovalForAProtectedDeploymentEvenWhenTheRecheckWereToAllowIt() {
    WorkloadRef prodDb = WorkloadRef.deployment("shop", "prod-db");
    ActionApproved forged =
        Approvals.forgedRestartOf(
            prodDb, new Preconditions(1, null, "registry.local/shop/prod-db:15", 3));

    List<IncidentEvent> out = executor.execute(forged);

    assertThat(executed(out).status()).isEqualTo(ExecutionStatus.REFUSED);
    assertThat(executed(out).reason()).contains("labelled backstop.io/protected=true");
    assertThat(escalated(out).target()).isEqualTo(prodDb);
    assertThat(writes()).isEmpty();
  }

  @Test
  void refusesWhenTheRecheckDeniesAndNeverTouchesTheCluster() {
    executor = executorWith(ExecutorRig.properties(false), StubChecks.denying("protected target"));

    List<IncidentEvent> out = executor.execute(Approvals.rollbackCheckout());

    assertThat(executed(out).status()).isEqualTo(ExecutionStatus.REFUSED);
    assertThat(escalated(out).verdicts()).anyMatch(v -> v.policyId().equals("test.deny"));
    assertThat(writes()).isEmpty();
  }

  @Test
  void refusesAnApprovalEditedAfterTheGuardrailSignedItAsForgedWithoutReadingTheCluster() {
    ActionApproved honest = Approvals.rollbackCheckout();
    ActionApproved edited =
        EventCodec.seal(
            new ActionApproved(
                honest.header().withHash(null),
                honest.actionId(),
                io.backstop.events.action.ApprovedAction.rollback(
                    Signals.CHECKOUT, 1, Signals.SHA_REV1),
                honest.preconditions(),
                honest.verdicts(),
                honest.budgetLeft(),
                honest.diagnosis()));

    List<IncidentEvent> out = executor.execute(edited);

    assertThat(executed(out).status()).isEqualTo(ExecutionStatus.REFUSED);
    assertThat(executed(out).reason()).contains("FORGED_APPROVAL").contains("does not verify");
    assertThat(escalated(out).reason()).isEqualTo(EscalationReason.FORGED_APPROVAL);
    assertThat(writes()).isEmpty();
    assertThat(ledger.history()).isEmpty();
  }

  @Test
  void refusesASignedApprovalThatArrivesWithoutItsHashAsForged() {
    ActionApproved signed = Approvals.rollbackCheckout();
    byte[] unsealed = EventCodec.encode(signed.withHeader(signed.header().withHash(null)));

    List<IncidentEvent> out =
        executor.execute(
            io.backstop.stream.Inbound.receive(
                unsealed, ActionApproved.class, io.backstop.stream.Inbound.Seal.REQUIRED));

    assertThat(escalated(out).reason()).isEqualTo(EscalationReason.FORGED_APPROVAL);
    assertThat(executed(out).reason()).contains("not sealed");
    assertThat(writes()).isEmpty();
    assertThat(ledger.history()).isEmpty();
  }

  @Test
  void refusesAnUnsignedScaleAsAForgedApproval() {
    ActionApproved signed = Approvals.scaleCart(4);
    ActionApproved unsigned =
        EventCodec.seal(signed.withHeader(signed.header().withSignature(null)));

    List<IncidentEvent> out = executor.execute(unsigned);

    assertThat(escalated(out).reason()).isEqualTo(EscalationReason.FORGED_APPROVAL);
    assertThat(executed(out).reason()).contains("not signed");
    assertThat(writes()).isEmpty();
  }

  @Test
  void refusesARollbackSignedWithAKeyTheExecutorDoesNotTrust() {
    ActionApproved signed = Approvals.rollbackCheckout();
    ActionApproved forged =
        io.backstop.events.fixtures.Keys.signedByAttacker(
            signed.withHeader(signed.header().withSignature(null)));

    List<IncidentEvent> out = executor.execute(forged);

    assertThat(escalated(out).reason()).isEqualTo(EscalationReason.FORGED_APPROVAL);
    assertThat(executed(out).reason()).contains("not trusted");
    assertThat(writes()).isEmpty();
  }

  @Test
  void refusesASignedApprovalWhoseStoredHashWasChanged() {
    ActionApproved signed = Approvals.rollbackCheckout();
    ActionApproved rehashed = signed.withHeader(signed.header().withHash("0".repeat(64)));

    List<IncidentEvent> out = executor.execute(rehashed);

    assertThat(escalated(out).reason()).isEqualTo(EscalationReason.FORGED_APPROVAL);
    assertThat(executed(out).reason()).contains("hash chain");
    assertThat(writes()).isEmpty();
  }

  @Test
  void aDuplicateDeliveryWritesOnceAndReportsAlreadyApplied() {
    ActionApproved approval = Approvals.rollbackCheckout();

    ActionExecuted first = executed(executor.execute(approval));
    List<IncidentEvent> second = executor.execute(approval);

    assertThat(first.status()).isEqualTo(ExecutionStatus.VERIFIED);
    assertThat(executed(second).status()).isEqualTo(ExecutionStatus.ALREADY_APPLIED);
    assertThat(second).hasSize(1);
    assertThat(executed(second).eventId()).isNotEqualTo(first.eventId());
    assertThat(writes()).hasSize(1);
  }

  @Test
  void aDeploymentCarryingTheActionsMarkWithoutALedgerRecordIsNeverTouched() {
    ActionApproved approval = Approvals.rollbackCheckout();
    markedByAnEarlierAttempt(approval);

    List<IncidentEvent> out = executor.execute(approval);

    assertThat(executed(out).status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(executed(out).reason()).contains("ledger has no record");
    assertThat(escalated(out).reason()).isEqualTo(EscalationReason.INTERNAL_ERROR);
    assertThat(writes()).isEmpty();
  }

  @Test
  void aSecondApprovalForAnIncidentTheExecutorAlreadyWroteForIsRefusedByTheRecheck() {
    executor =
        executorWith(
            ExecutorRig.properties(false),
            new io.backstop.executor.review.SafetyRecheck(
                io.backstop.safety.Guardrails.load(java.util.Optional.empty(), Fixtures.CLOCK)
                    .actionGate()));
    ActionApproved first = Approvals.rollbackCheckout();
    ledger.record(
        new LedgerEntry(
            first.actionId(),
            first.incidentId(),
            "shop",
            LedgerState.APPLIED,
            Fixtures.NOW,
            ExecutionStatus.NOT_RECOVERED,
            new PreAction(2, Signals.SHA_REV2, Approvals.IMAGE_REV2, 3),
            null));
    ActionApproved second =
        Approvals.approve(first.diagnosis(), first.action(), first.preconditions(), 7);

    List<IncidentEvent> out = executor.execute(second);

    assertThat(executed(out).status()).isEqualTo(ExecutionStatus.REFUSED);
    assertThat(escalated(out).reason()).isEqualTo(EscalationReason.EXECUTION_REFUSED);
    assertThat(escalated(out).verdicts())
        .anyMatch(
            v ->
                v.policyId().equals("action.one-write-per-incident")
                    && v.outcome() != io.backstop.events.action.VerdictOutcome.ALLOW);
    assertThat(writes()).isEmpty();
  }

  @Test
  void aRollbackThatMakesThingsWorseIsRevertedOnceAndTheRevertIsVerified() {
    api.controller().image(Approvals.IMAGE_REV3, Signals.SHA_REV3, false);
    api.controller().image(Approvals.IMAGE_REV2, Signals.SHA_REV2, true);

    List<IncidentEvent> out = executor.execute(Approvals.rollbackCheckout());

    ActionExecuted executed = executed(out);
    assertThat(executed.status()).as(executed.reason()).isEqualTo(ExecutionStatus.REVERTED);
    assertThat(executed.reason()).contains("recovered");
    assertThat(executed.verification().rolloutComplete()).isTrue();
    assertThat(escalated(out).reason()).isEqualTo(EscalationReason.REVERTED);
    assertThat(writes()).hasSize(2);
    assertThat(deployment("checkout").getMetadata().getAnnotations())
        .containsEntry(MetadataKeys.REVERT_OF, Approvals.rollbackCheckout().actionId().toString());
    assertThat(ledger.find(executed.actionId()).orElseThrow().outcome())
        .isEqualTo(ExecutionStatus.REVERTED);
  }

  @Test
  void aRevertThatDoesNotRecoverEitherIsEscalatedAsRevertNotRecovered() {
    api.controller().image(Approvals.IMAGE_REV2, Signals.SHA_REV2, true);

    List<IncidentEvent> out = executor.execute(Approvals.rollbackCheckout());

    ActionExecuted executed = executed(out);
    assertThat(executed.status())
        .as(executed.reason())
        .isEqualTo(ExecutionStatus.REVERT_NOT_RECOVERED);
    assertThat(executed.reason()).contains("did not recover after the revert");
    assertThat(escalated(out).reason()).isEqualTo(EscalationReason.REVERT_NOT_RECOVERED);
    assertThat(escalated(out).header().causationId()).isEqualTo(executed.eventId());
    assertThat(writes()).hasSize(2);
    assertThat(
            deployment("checkout")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo(Approvals.IMAGE_REV3);
  }

  @Test
  void aWorldThatMovesBetweenTheCheckAndTheWriteMakesTheApiServerRejectThePatch() {
    api.controller().close();
    LiveState movesAfterTheCheck =
        new LiveState() {
          final LiveState live = new io.backstop.executor.kubernetes.KubernetesLiveState(client);
          boolean moved;

          @Override
          public java.util.Optional<LiveDeployment> deployment(WorkloadRef ref) {
            java.util.Optional<LiveDeployment> seen = live.deployment(ref);
            if (!moved) {
              moved = true;
              api.admin()
                  .apps()
                  .deployments()
                  .inNamespace("shop")
                  .withName("checkout")
                  .edit(
                      d -> {
                        d.getMetadata().getAnnotations().put(MetadataKeys.REVISION, "9");
                        return d;
                      });
            }
            return seen;
          }

          @Override
          public java.util.Optional<RevisionTemplate> revision(WorkloadRef ref, long revision) {
            return live.revision(ref, revision);
          }

          @Override
          public List<PodState> currentPods(WorkloadRef ref) {
            return live.currentPods(ref);
          }
        };
    ApprovalExecutor racing =
        new ApprovalExecutor(
            ExecutorRig.properties(false),
            io.backstop.executor.fixtures.Approvals.GUARDRAIL,
            movesAfterTheCheck,
            new io.backstop.executor.kubernetes.DeploymentWriter(client),
            ledger,
            StubChecks.allowing(),
            StubChecks.breaker(5, 2),
            null,
            Fixtures.CLOCK);

    List<IncidentEvent> out = racing.execute(Approvals.rollbackCheckout());

    assertThat(executed(out).status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(executed(out).reason()).contains("HTTP 422").contains("found value \"9\"");
    assertThat(writes()).isEmpty();
    assertThat(
            deployment("checkout")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo(Approvals.IMAGE_REV3);
  }

  @Test
  void aLedgerThatCannotRecordTheAttemptFailsClosedBeforeAnyWrite() {
    ActionLedger unwritable =
        new ActionLedger() {
          @Override
          public java.util.Optional<LedgerEntry> find(io.backstop.events.id.ActionId actionId) {
            return java.util.Optional.empty();
          }

          @Override
          public void record(LedgerEntry entry) {
            throw new IllegalStateException("ledger topic unavailable");
          }

          @Override
          public java.util.Collection<LedgerEntry> entries() {
            return List.of();
          }
        };
    ApprovalExecutor withoutLedger =
        ExecutorRig.executor(
            client,
            ExecutorRig.properties(false),
            unwritable,
            StubChecks.allowing(),
            StubChecks.breaker(5, 2));

    List<IncidentEvent> out = withoutLedger.execute(Approvals.rollbackCheckout());

    assertThat(executed(out).status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(executed(out).reason())
        .contains("ledger topic unavailable")
        .contains("failed closed");
    assertThat(escalated(out).reason()).isEqualTo(EscalationReason.INTERNAL_ERROR);
    assertThat(writes()).isEmpty();
  }

  @Test
  void anErrorRatioThatStaysHighEndsNotRecoveredAndEscalatedWithoutARevert() {
    executor =
        ExecutorRig.executor(
            client,
            ExecutorRig.properties(false, ExecutorRig.SHORT),
            ledger,
            StubChecks.allowing(),
            StubChecks.breaker(5, 2),
            ref -> 0.31);

    List<IncidentEvent> out = executor.execute(Approvals.rollbackCheckout());

    ActionExecuted executed = executed(out);
    assertThat(executed.status()).as(executed.reason()).isEqualTo(ExecutionStatus.NOT_RECOVERED);
    assertThat(escalated(out).reason()).isEqualTo(EscalationReason.NOT_RECOVERED);
    assertThat(executed.verification().errorRatio()).isEqualTo(0.31);
    assertThat(executed.verification().observations())
        .anyMatch(o -> o.contains("error ratio 0.31 not under 0.05"));
    assertThat(writes()).hasSize(1);
    assertThat(ledger.find(executed.actionId()).orElseThrow().outcome())
        .isEqualTo(ExecutionStatus.NOT_RECOVERED);
  }

  /** The executor with its error signal read from {@code prometheus} (default query templates). */
  ApprovalExecutor measuringErrorsAt(PrometheusQueryApi prometheus) {
    return ExecutorRig.executor(
        client,
        ExecutorRig.properties(false, ExecutorRig.SHORT),
        ledger,
        StubChecks.allowing(),
        StubChecks.breaker(5, 2),
        new PrometheusErrorSignal(
            new ExecutorProperties.Prometheus(
                prometheus.url(), null, 0.05, java.time.Duration.ofSeconds(2))));
  }

  @Test
  void aRollbackForA409JumpIsNotRecoveredWhileThe409sGoOnThoughNo5xxRose() throws Exception {
    try (var prometheus = new PrometheusQueryApi()) {
      prometheus.ratesByCode(java.util.Map.of("200", 70.0, "409", 30.0));
      executor = measuringErrorsAt(prometheus);
      String triageQuery =
          "sum by (code) (irate(http_requests_total{namespace=\"shop\",deployment=\"checkout\"}"
              + "[1m]))";

      List<IncidentEvent> out =
          executor.execute(
              Approvals.rollbackCheckoutJudgedBy(
                  new ErrorBasis(List.of("409", "500"), 0.0, 0.05, triageQuery)));

      ActionExecuted executed = executed(out);
      assertThat(executed.status()).as(executed.reason()).isEqualTo(ExecutionStatus.NOT_RECOVERED);
      assertThat(escalated(out).reason()).isEqualTo(EscalationReason.NOT_RECOVERED);
      assertThat(executed.verification().observations())
          .anyMatch(o -> o.contains("error ratio 0.3 of codes [409, 500] not within 0.05"));
      assertThat(prometheus.queries()).isNotEmpty().allMatch(triageQuery::equals);
      assertThat(writes()).hasSize(1);
    }
  }

  @Test
  void aSignedApprovalWhoseSignalsRecordAForeignQueryIsNeverVerifiedByIt() throws Exception {
    try (var prometheus = new PrometheusQueryApi()) {
      prometheus.ratesByCode(java.util.Map.of("200", 100.0));
      executor = measuringErrorsAt(prometheus);
      // a query that can only ever answer "no errors": signed along with the approval, but
      // written by triage, so not the executor's to run
      String foreign = "sum by (code) (vector(1))";

      List<IncidentEvent> out =
          executor.execute(
              Approvals.rollbackCheckoutJudgedBy(
                  new ErrorBasis(List.of("409", "500"), 0.0, 0.05, foreign)));

      ActionExecuted executed = executed(out);
      assertThat(executed.status()).as(executed.reason()).isEqualTo(ExecutionStatus.NOT_RECOVERED);
      assertThat(escalated(out).reason()).isEqualTo(EscalationReason.NOT_RECOVERED);
      assertThat(executed.verification().observations())
          .anyMatch(o -> o.contains("not this executor's prometheus.requests-by-code-query"));
      assertThat(prometheus.queries()).isEmpty();
      assertThat(writes()).hasSize(1);
    }
  }

  @Test
  void aReadOnlyTokenCannotWriteAndThe403SurfacesAsFailed() {
    try (KubernetesClient readOnly = api.client(ApiServerDispatcher.READ_ONLY_TOKEN)) {
      ApprovalExecutor withReadOnly =
          ExecutorRig.executor(
              readOnly,
              ExecutorRig.properties(false),
              ledger,
              StubChecks.allowing(),
              StubChecks.breaker(5, 2));

      List<IncidentEvent> out = withReadOnly.execute(Approvals.rollbackCheckout());

      assertThat(executed(out).status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(executed(out).reason()).contains("HTTP 403").contains("forbidden");
      assertThat(escalated(out).reason()).isEqualTo(EscalationReason.EXECUTION_FAILED);
      assertThat(writes()).isEmpty();
      assertThat(deployment("checkout").getMetadata().getAnnotations())
          .doesNotContainKey(MetadataKeys.ACTION_ID);
    }
  }

  @Test
  void theBreakerStopsWritesOnceTheNamespacesWriteLimitIsReached() {
    executor =
        ExecutorRig.executor(
            client,
            ExecutorRig.properties(false),
            ledger,
            StubChecks.allowing(),
            StubChecks.breaker(1, 2));

    ActionExecuted first = executed(executor.execute(Approvals.scaleCart(3)));
    List<IncidentEvent> second = executor.execute(Approvals.rollbackCheckout());

    assertThat(first.status()).isEqualTo(ExecutionStatus.VERIFIED);
    assertThat(executed(second).status()).isEqualTo(ExecutionStatus.REFUSED);
    assertThat(escalated(second).reason()).isEqualTo(EscalationReason.BREAKER_OPEN);
    assertThat(executed(second).reason()).contains("1 automated writes");
    assertThat(writes()).hasSize(2);
  }

  @Test
  void aRevertTripsTheBreakerSoTheNextApprovalIsEscalatedInstead() {
    api.controller().image(Approvals.IMAGE_REV2, Signals.SHA_REV2, true);
    executor =
        ExecutorRig.executor(
            client,
            ExecutorRig.properties(false),
            ledger,
            StubChecks.allowing(),
            StubChecks.breaker(5, 1));

    ActionExecuted reverted = executed(executor.execute(Approvals.rollbackCheckout()));
    List<IncidentEvent> next = executor.execute(Approvals.scaleCart(3));

    assertThat(reverted.status()).isEqualTo(ExecutionStatus.REVERT_NOT_RECOVERED);
    assertThat(escalated(next).reason()).isEqualTo(EscalationReason.BREAKER_OPEN);
    assertThat(deployment("cart").getSpec().getReplicas()).isEqualTo(2);
  }

  private void markedByAnEarlierAttempt(ActionApproved approval) {
    api.admin()
        .apps()
        .deployments()
        .inNamespace("shop")
        .withName("checkout")
        .edit(
            d -> {
              d.getMetadata()
                  .getAnnotations()
                  .put(MetadataKeys.ACTION_ID, approval.actionId().toString());
              return d;
            });
  }

  private List<String> writes() {
    return api.dispatcher().persistedWrites();
  }

  private Deployment deployment(String name) {
    return api.admin().apps().deployments().inNamespace("shop").withName(name).get();
  }

  static ActionExecuted executed(List<IncidentEvent> out) {
    return out.stream()
        .filter(ActionExecuted.class::isInstance)
        .map(ActionExecuted.class::cast)
        .findFirst()
        .orElseThrow();
  }

  static Escalated escalated(List<IncidentEvent> out) {
    return out.stream()
        .filter(Escalated.class::isInstance)
        .map(Escalated.class::cast)
        .findFirst()
        .orElseThrow();
  }
}
