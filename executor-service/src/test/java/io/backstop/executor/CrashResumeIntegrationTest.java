package io.backstop.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.Escalated;
import io.backstop.events.IncidentEvent;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.events.fixtures.Signals;
import io.backstop.executor.apiserver.SandboxApi;
import io.backstop.executor.fixtures.Approvals;
import io.backstop.executor.fixtures.InMemoryLedger;
import io.backstop.executor.fixtures.ShopApi;
import io.backstop.executor.fixtures.StubChecks;
import io.backstop.executor.ledger.LedgerState;
import io.backstop.executor.plan.Actuator;
import io.backstop.executor.plan.PlannedWrite;
import io.backstop.executor.verify.RolloutVerifier;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The executor process dies at each step of an approval, and a new executor (nothing kept in
 * memory, the same ledger and cluster) gets the approval again, as Kafka redelivers an approval
 * whose outcome was never committed. The death is an {@link Error} thrown at the step, so nothing
 * on the way can catch it and tidy up; the consumer's transaction is then aborted (settled ledger
 * entries dropped). Whatever the step: the cluster is written once (twice with the one revert), the
 * outcome is the one an uninterrupted run emits (same event id), and a human is told wherever one
 * must act. {@code ResumeAfterSigkillIntegrationTest} does the same with a real process killed by
 * SIGKILL during verification.
 */
class CrashResumeIntegrationTest {

  /** The process dying: an Error, which the executor's fail-closed handler does not catch. */
  static final class Killed extends Error {
    Killed(String where) {
      super("killed " + where);
    }
  }

  SandboxApi api;
  KubernetesClient client;
  InMemoryLedger ledger;

  @BeforeEach
  void start() {
    api = ShopApi.start();
    api.controller().start();
    client = ExecutorRig.writeClient(api);
    ledger = new InMemoryLedger().transactional();
  }

  @AfterEach
  void stop() {
    client.close();
    api.close();
  }

  @Test
  void killedBeforeTheWriteTheRestartedExecutorChecksAgainAndWritesOnce() {
    ActionApproved approval = Approvals.rollbackCheckout();
    dies(killing(0, 1, -1), approval);
    assertThat(ledger.find(approval.actionId()).orElseThrow().state())
        .isEqualTo(LedgerState.IN_PROGRESS);
    assertThat(writes()).isEmpty();

    ActionExecuted resumed = executed(restarted().execute(approval));

    assertThat(resumed.status()).as(resumed.reason()).isEqualTo(ExecutionStatus.VERIFIED);
    assertThat(resumed.eventId()).isEqualTo(uninterruptedOutcomeId(approval));
    assertThat(writes()).hasSize(1);
  }

  @Test
  void killedRightAfterTheWriteTheRestartedExecutorVerifiesWithoutWritingAgain() {
    ActionApproved approval = Approvals.rollbackCheckout();
    dies(killing(1, 0, -1), approval);
    assertThat(ledger.find(approval.actionId()).orElseThrow().state())
        .isEqualTo(LedgerState.IN_PROGRESS);
    assertThat(writes()).hasSize(1);

    ActionExecuted resumed = executed(restarted().execute(approval));

    assertThat(resumed.status()).as(resumed.reason()).isEqualTo(ExecutionStatus.VERIFIED);
    assertThat(resumed.reason()).contains("resumed");
    assertThat(resumed.revisionBefore()).isEqualTo(3);
    assertThat(resumed.shaAfter()).isEqualTo(Signals.SHA_REV2);
    assertThat(writes()).hasSize(1);
  }

  @Test
  void killedDuringVerificationTheRestartedExecutorVerifiesInsteadOfReportingAlreadyApplied() {
    ActionApproved approval = Approvals.rollbackCheckout();
    dies(killing(0, 0, 1), approval);
    assertThat(ledger.find(approval.actionId()).orElseThrow().state())
        .isEqualTo(LedgerState.APPLIED);

    ActionExecuted resumed = executed(restarted().execute(approval));

    assertThat(resumed.status()).as(resumed.reason()).isEqualTo(ExecutionStatus.VERIFIED);
    assertThat(resumed.verification().rolloutComplete()).isTrue();
    assertThat(resumed.eventId()).isEqualTo(uninterruptedOutcomeId(approval));
    assertThat(writes()).hasSize(1);
    ledger.commit();
    assertThat(ledger.find(approval.actionId()).orElseThrow().outcome())
        .isEqualTo(ExecutionStatus.VERIFIED);
  }

  @Test
  void killedDuringVerificationOfAWriteThatMadeThingsWorseTheRestartedExecutorRevertsOnce() {
    worseAfterRollbackButHealthyOnRevert();
    ActionApproved approval = Approvals.rollbackCheckout();
    dies(killing(0, 0, 1), approval);

    List<IncidentEvent> out = restarted().execute(approval);

    assertThat(executed(out).status())
        .as(executed(out).reason())
        .isEqualTo(ExecutionStatus.REVERTED);
    assertThat(escalated(out).reason()).isEqualTo(EscalationReason.REVERTED);
    assertThat(writes()).hasSize(2);
  }

  @Test
  void killedAfterDecidingToRevertButBeforeTheRevertWriteTheRestartedExecutorRevertsOnce() {
    worseAfterRollbackButHealthyOnRevert();
    ActionApproved approval = Approvals.rollbackCheckout();
    dies(killing(0, 2, -1), approval);
    assertThat(ledger.find(approval.actionId()).orElseThrow().state())
        .isEqualTo(LedgerState.REVERTING);
    assertThat(writes()).hasSize(1);

    List<IncidentEvent> out = restarted().execute(approval);

    assertThat(executed(out).status())
        .as(executed(out).reason())
        .isEqualTo(ExecutionStatus.REVERTED);
    assertThat(writes()).hasSize(2);
  }

  @Test
  void killedRightAfterTheRevertWriteTheRestartedExecutorVerifiesTheRevertWithoutRevertingAgain() {
    worseAfterRollbackButHealthyOnRevert();
    ActionApproved approval = Approvals.rollbackCheckout();
    dies(killing(2, 0, -1), approval);
    assertThat(writes()).hasSize(2);

    List<IncidentEvent> out = restarted().execute(approval);

    assertThat(executed(out).status())
        .as(executed(out).reason())
        .isEqualTo(ExecutionStatus.REVERTED);
    assertThat(escalated(out).reason()).isEqualTo(EscalationReason.REVERTED);
    assertThat(writes()).hasSize(2);
  }

  @Test
  void killedWhileVerifyingTheRevertTheRestartedExecutorFinishesThatVerification() {
    api.controller().image(Approvals.IMAGE_REV2, Signals.SHA_REV2, true);
    ActionApproved approval = Approvals.rollbackCheckout();
    AtomicInteger pauses = new AtomicInteger();
    // The rollback's new pods crash-loop within a few polls; the kill comes once the revert is on.
    dies(
        hands -> hands,
        d -> {
          if (ledger.find(approval.actionId()).orElseThrow().state()
              == LedgerState.REVERT_APPLIED) {
            throw new Killed("verifying the revert");
          }
          pauses.incrementAndGet();
          Thread.sleep(d.toMillis());
        },
        approval);
    assertThat(ledger.find(approval.actionId()).orElseThrow().state())
        .isEqualTo(LedgerState.REVERT_APPLIED);

    List<IncidentEvent> out = restarted().execute(approval);

    assertThat(executed(out).status()).isEqualTo(ExecutionStatus.REVERT_NOT_RECOVERED);
    assertThat(escalated(out).reason()).isEqualTo(EscalationReason.REVERT_NOT_RECOVERED);
    assertThat(writes()).hasSize(2);
  }

  @Test
  void killedAfterTheOutcomeWasDecidedButBeforeItCommittedTheOutcomeIsEmittedNotAlreadyApplied() {
    ActionApproved approval = Approvals.rollbackCheckout();
    ActionExecuted lost = executed(executor(hands -> hands, pause()).execute(approval));
    ledger.abort();

    ActionExecuted resumed = executed(restarted().execute(approval));

    assertThat(resumed.status()).isEqualTo(ExecutionStatus.VERIFIED);
    assertThat(resumed.eventId()).isEqualTo(lost.eventId());
    assertThat(writes()).hasSize(1);
  }

  @Test
  void onlyAnOutcomeThatCommittedMakesARedeliveryAlreadyApplied() {
    ActionApproved approval = Approvals.rollbackCheckout();
    executed(executor(hands -> hands, pause()).execute(approval));
    ledger.commit();

    List<IncidentEvent> again = restarted().execute(approval);

    assertThat(executed(again).status()).isEqualTo(ExecutionStatus.ALREADY_APPLIED);
    assertThat(executed(again).reason()).contains("VERIFIED");
    assertThat(again).hasSize(1);
    assertThat(writes()).hasSize(1);
  }

  /**
   * Found by the chaos suite: the executor's read of the Deployment timed out while the broker
   * restarted, the approval failed closed (FAILED, a human told nothing was written), and a
   * redelivery of the same approval later wrote.
   */
  @Test
  void anApprovalThatFailedClosedBeforeItsWriteIsNeverWrittenByARedelivery() {
    ActionApproved approval = Approvals.rollbackCheckout();
    List<IncidentEvent> first = executor(FailingBeforeTheWrite::new, pause()).execute(approval);
    assertThat(executed(first).status()).isEqualTo(ExecutionStatus.FAILED);
    ledger.commit();

    List<IncidentEvent> again = restarted().execute(approval);

    assertThat(executed(again).status()).isEqualTo(ExecutionStatus.ALREADY_APPLIED);
    assertThat(executed(again).reason()).contains("without a write").contains("FAILED");
    assertThat(writes()).isEmpty();
  }

  @Test
  void aRefusedApprovalIsNeverWrittenByARedeliveryThatWouldPassTheRecheck() {
    ActionApproved approval = Approvals.rollbackCheckout();
    List<IncidentEvent> first =
        ExecutorRig.executor(
                client,
                ExecutorRig.properties(false),
                ledger,
                StubChecks.denying("chaos: the gate said no"),
                StubChecks.breaker(5, 2),
                hands -> hands,
                pause())
            .execute(approval);
    assertThat(executed(first).status()).isEqualTo(ExecutionStatus.REFUSED);
    ledger.commit();

    List<IncidentEvent> again = restarted().execute(approval);

    assertThat(executed(again).status()).isEqualTo(ExecutionStatus.ALREADY_APPLIED);
    assertThat(executed(again).reason()).contains("REFUSED");
    assertThat(writes()).isEmpty();
  }

  @Test
  void anApprovalWhoseFailureNeverCommittedIsDecidedAgainOnRedelivery() {
    ActionApproved approval = Approvals.rollbackCheckout();
    executor(FailingBeforeTheWrite::new, pause()).execute(approval);
    ledger.abort();

    List<IncidentEvent> again = restarted().execute(approval);

    assertThat(executed(again).status()).isEqualTo(ExecutionStatus.VERIFIED);
    assertThat(writes()).hasSize(1);
  }

  /** Hands whose admission check fails as a timed-out API call does, before any write. */
  static final class FailingBeforeTheWrite implements Actuator {
    FailingBeforeTheWrite(Actuator real) {}

    @Override
    public void admissionCheck(PlannedWrite write) {
      throw new IllegalStateException("request timed out");
    }

    @Override
    public void rollback(PlannedWrite write) {
      throw new AssertionError("no write expected");
    }

    @Override
    public void restart(PlannedWrite write) {
      throw new AssertionError("no write expected");
    }

    @Override
    public void scale(PlannedWrite write) {
      throw new AssertionError("no write expected");
    }
  }

  @Test
  void aScaleKilledBetweenTheReplicaChangeAndItsMarkIsVerifiedNotScaledAgain() {
    ActionApproved approval = Approvals.scaleCart(4);
    dies(
        hands ->
            new KillingActuator(hands, 0, 0) {
              @Override
              public void scale(PlannedWrite write) {
                // The scale subresource took the new count; the process died before the mark.
                api.admin()
                    .apps()
                    .deployments()
                    .inNamespace("shop")
                    .withName("cart")
                    .edit(
                        d -> {
                          d.getSpec().setReplicas(write.replicas());
                          return d;
                        });
                throw new Killed("between the scale and its mark");
              }
            },
        pause(),
        approval);

    ActionExecuted resumed = executed(restarted().execute(approval));

    assertThat(resumed.status()).as(resumed.reason()).isEqualTo(ExecutionStatus.VERIFIED);
    assertThat(writes()).noneMatch(w -> w.contains("/scale"));
    assertThat(
            api.admin()
                .apps()
                .deployments()
                .inNamespace("shop")
                .withName("cart")
                .get()
                .getSpec()
                .getReplicas())
        .isEqualTo(4);
  }

  private void worseAfterRollbackButHealthyOnRevert() {
    api.controller().image(Approvals.IMAGE_REV3, Signals.SHA_REV3, false);
    api.controller().image(Approvals.IMAGE_REV2, Signals.SHA_REV2, true);
  }

  /**
   * Hands that die before write number {@code beforeWrite} or after write number {@code afterWrite}
   * (1-based; 0 = never), and a pause that dies on pause number {@code onPause}.
   */
  private Object[] killing(int afterWrite, int beforeWrite, int onPause) {
    java.util.function.UnaryOperator<Actuator> hands =
        h -> new KillingActuator(h, beforeWrite, afterWrite);
    AtomicInteger pauses = new AtomicInteger();
    RolloutVerifier.Pause pause =
        d -> {
          if (pauses.incrementAndGet() == onPause) {
            throw new Killed("during verification");
          }
          Thread.sleep(d.toMillis());
        };
    return new Object[] {hands, pause};
  }

  @SuppressWarnings("unchecked")
  private void dies(Object[] killing, ActionApproved approval) {
    dies(
        (java.util.function.UnaryOperator<Actuator>) killing[0],
        (RolloutVerifier.Pause) killing[1],
        approval);
  }

  private void dies(
      java.util.function.UnaryOperator<Actuator> hands,
      RolloutVerifier.Pause pause,
      ActionApproved approval) {
    ApprovalExecutor doomed = executor(hands, pause);
    assertThatThrownBy(() -> doomed.execute(approval)).isInstanceOf(Killed.class);
    ledger.abort();
  }

  private ApprovalExecutor restarted() {
    return executor(hands -> hands, pause());
  }

  private ApprovalExecutor executor(
      java.util.function.UnaryOperator<Actuator> hands, RolloutVerifier.Pause pause) {
    return ExecutorRig.executor(
        client,
        ExecutorRig.properties(false),
        ledger,
        StubChecks.allowing(),
        StubChecks.breaker(5, 2),
        hands,
        pause);
  }

  private static RolloutVerifier.Pause pause() {
    return d -> Thread.sleep(d.toMillis());
  }

  private static io.backstop.events.id.EventId uninterruptedOutcomeId(ActionApproved approval) {
    return io.backstop.events.id.EventId.derive(
        approval.eventId(),
        io.backstop.events.Stage.EXECUTOR.name(),
        ActionExecuted.class.getSimpleName(),
        1);
  }

  private List<String> writes() {
    return api.dispatcher().persistedWrites();
  }

  static ActionExecuted executed(List<IncidentEvent> out) {
    return ApprovalExecutorIntegrationTest.executed(out);
  }

  static Escalated escalated(List<IncidentEvent> out) {
    return ApprovalExecutorIntegrationTest.escalated(out);
  }

  /** The real hands, dying just before or just after the n-th write (1-based; 0 = never). */
  static class KillingActuator implements Actuator {
    private final Actuator real;
    private final int beforeWrite;
    private final int afterWrite;
    private int writes;

    KillingActuator(Actuator real, int beforeWrite, int afterWrite) {
      this.real = real;
      this.beforeWrite = beforeWrite;
      this.afterWrite = afterWrite;
    }

    @Override
    public void admissionCheck(PlannedWrite write) {
      real.admissionCheck(write);
    }

    @Override
    public void rollback(PlannedWrite write) {
      around(() -> real.rollback(write));
    }

    @Override
    public void restart(PlannedWrite write) {
      around(() -> real.restart(write));
    }

    @Override
    public void scale(PlannedWrite write) {
      around(() -> real.scale(write));
    }

    private void around(Runnable write) {
      writes++;
      if (writes == beforeWrite) {
        throw new Killed("before write " + writes);
      }
      write.run();
      if (writes == afterWrite) {
        throw new Killed("after write " + writes);
      }
    }
  }
}
