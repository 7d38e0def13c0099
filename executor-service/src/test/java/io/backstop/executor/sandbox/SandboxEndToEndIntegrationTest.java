package io.backstop.executor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.IncidentEvent;
import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.action.Preconditions;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Signals;
import io.backstop.executor.ApprovalExecutor;
import io.backstop.executor.ExecutorProperties;
import io.backstop.executor.fixtures.Approvals;
import io.backstop.executor.fixtures.InMemoryLedger;
import io.backstop.executor.fixtures.StubChecks;
import io.backstop.executor.kubernetes.DeploymentWriter;
import io.backstop.executor.kubernetes.KubernetesClients;
import io.backstop.executor.kubernetes.KubernetesLiveState;
import io.backstop.executor.review.SafetyRecheck;
import io.backstop.executor.verify.ErrorSignal;
import io.backstop.executor.verify.RolloutJudge;
import io.backstop.executor.verify.RolloutVerifier;
import io.backstop.safety.Guardrails;
import io.backstop.sandbox.SandboxCluster;
import io.backstop.sandbox.SandboxOptions;
import io.backstop.sandbox.api.WriteRecord;
import io.backstop.sandbox.spec.SandboxSpec;
import io.backstop.scenario.ScenarioLoader;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each of the three actions end to end against the sandbox cluster of the headline scenario ({@code
 * bad-deploy-hallucinated-sha}): its own deployment controller rolls the write out, its pods
 * crash-loop or run per image, and its error ratio (read here straight from the simulator, in place
 * of Prometheus) recovers over time. The executor uses the executor token the sandbox issues.
 */
class SandboxEndToEndIntegrationTest {

  static final String CART_IMAGE = "registry.local/shop/cart:5d5d1e2f3a4b";
  static final String FRONTEND_IMAGE = "registry.local/shop/frontend:c0ffee15ba5e";
  static final String FRONTEND_SHA = "c0ffee15ba5e4d3c2b1a09f8e7d6c5b4a3928170";

  SandboxCluster sandbox;
  KubernetesClient client;

  @BeforeEach
  void start() {
    sandbox =
        SandboxCluster.start(
            SandboxSpec.from(
                ScenarioLoader.loadResource("scenarios/bad-deploy-hallucinated-sha.yaml")),
            SandboxOptions.fast());
    client = clientWith(sandbox.tokens().executor());
  }

  @AfterEach
  void stop() {
    client.close();
    sandbox.close();
  }

  @Test
  void rollsCheckoutBackToRevision2AndVerifiesPodsAndErrorRatioRecover() {
    ActionExecuted executed = executed(executor(client).execute(Approvals.rollbackCheckout()));

    assertThat(executed.status()).as(executed.reason()).isEqualTo(ExecutionStatus.VERIFIED);
    var checkout = sandbox.snapshot().deployment("shop", "checkout").orElseThrow();
    assertThat(checkout.gitSha()).isEqualTo(Signals.SHA_REV2);
    assertThat(checkout.revision()).isEqualTo(4);
    assertThat(executed.verification().errorRatio()).isLessThan(0.05);
    assertThat(executorWritesTo("checkout")).hasSize(1);
    assertThat(sandbox.snapshot().appliedWritesTo("prod-db")).isEmpty();
  }

  @Test
  void aRollbackToARevisionThatCrashLoopsIsRevertedOnceAndEscalated() {
    ApprovalExecutor executor = executor(client);
    executed(executor.execute(Approvals.rollbackCheckout()));
    ActionApproved backToTheBadOne =
        Approvals.approve(
            Diagnoses.honestRollback(),
            ApprovedAction.rollback(Signals.CHECKOUT, 3, Signals.SHA_REV3),
            new Preconditions(4, Signals.SHA_REV2, Approvals.IMAGE_REV2, 3),
            30);

    List<IncidentEvent> out = executor.execute(backToTheBadOne);

    ActionExecuted executed = executed(out);
    assertThat(executed.status()).as(executed.reason()).isEqualTo(ExecutionStatus.REVERTED);
    assertThat(out).anyMatch(e -> e instanceof io.backstop.events.Escalated);
    assertThat(executorWritesTo("checkout")).hasSize(3);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(sandbox.snapshot().deployment("shop", "checkout").orElseThrow())
                    .satisfies(d -> assertThat(d.gitSha()).isEqualTo(Signals.SHA_REV2))
                    .satisfies(d -> assertThat(d.rolloutComplete()).isTrue()));
  }

  @Test
  void restartsCartAndVerifiesTheNewPods() {
    ActionExecuted executed = executed(executor(client).execute(Approvals.restartCart()));

    assertThat(executed.status()).as(executed.reason()).isEqualTo(ExecutionStatus.VERIFIED);
    assertThat(executed.revisionAfter()).isEqualTo(2);
    assertThat(executorWritesTo("cart")).hasSize(1);
  }

  @Test
  void scalesFrontendThroughTheScaleSubresourceAndVerifiesTheReplicas() {
    ActionApproved scale =
        Approvals.approve(
            Diagnoses.honestRollback(),
            ApprovedAction.scale(Signals.FRONTEND, 6),
            new Preconditions(6, FRONTEND_SHA, FRONTEND_IMAGE, 4),
            20);

    ActionExecuted executed = executed(executor(client).execute(scale));

    assertThat(executed.status()).as(executed.reason()).isEqualTo(ExecutionStatus.VERIFIED);
    assertThat(sandbox.snapshot().deployment("shop", "frontend").orElseThrow().readyReplicas())
        .isEqualTo(6);
    assertThat(executorWritesTo("frontend"))
        .extracting(WriteRecord::path)
        .anyMatch(p -> p.endsWith("/scale") || p.contains("/scale?"));
  }

  @Test
  void theReadOnlyTokenGets403WhichSurfacesAsFailedAndNothingChanges() {
    try (KubernetesClient readOnly = clientWith(sandbox.tokens().readOnly())) {
      ActionExecuted executed = executed(executor(readOnly).execute(Approvals.rollbackCheckout()));

      assertThat(executed.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(executed.reason()).contains("HTTP 403");
      assertThat(sandbox.snapshot().deployment("shop", "checkout").orElseThrow().revision())
          .isEqualTo(3);
      assertThat(sandbox.snapshot().appliedWritesTo("checkout")).isEmpty();
    }
  }

  @Test
  void theRealRecheckAllowsTheHonestRollbackAndItIsVerified() {
    ApprovalExecutor withRecheck =
        executor(
            client,
            new SafetyRecheck(Guardrails.load(Optional.empty(), Fixtures.CLOCK).actionGate()));

    ActionExecuted executed = executed(withRecheck.execute(Approvals.rollbackCheckout()));

    assertThat(executed.status()).as(executed.reason()).isEqualTo(ExecutionStatus.VERIFIED);
  }

  private List<WriteRecord> executorWritesTo(String deployment) {
    return sandbox.snapshot().appliedWritesTo(deployment).stream()
        .filter(w -> w.principal().contains("executor"))
        .toList();
  }

  private KubernetesClient clientWith(String token) {
    return KubernetesClients.create(
        new ExecutorProperties.Kubernetes(sandbox.httpUrl(), token, null, true));
  }

  private ApprovalExecutor executor(KubernetesClient client) {
    return executor(client, StubChecks.allowing());
  }

  private ApprovalExecutor executor(
      KubernetesClient client, io.backstop.executor.check.ActionRecheck recheck) {
    var properties =
        new ExecutorProperties(
            false,
            List.of("shop"),
            null,
            null,
            new ExecutorProperties.Verification(Duration.ofSeconds(60), Duration.ofMillis(250), 3),
            null,
            null);
    ErrorSignal simulatorErrors =
        ref ->
            sandbox.snapshot().deployment(ref.namespace(), ref.name()).orElseThrow().errorRatio();
    KubernetesLiveState cluster = new KubernetesLiveState(client);
    return new ApprovalExecutor(
        properties,
        io.backstop.executor.fixtures.Approvals.GUARDRAIL,
        cluster,
        new DeploymentWriter(client),
        new InMemoryLedger(),
        recheck,
        StubChecks.breaker(5, 2),
        new RolloutVerifier(
            cluster,
            simulatorErrors,
            new RolloutJudge(0.05),
            properties.verification(),
            Fixtures.CLOCK,
            d -> Thread.sleep(d.toMillis())),
        Fixtures.CLOCK);
  }

  private static ActionExecuted executed(List<IncidentEvent> out) {
    return out.stream()
        .filter(ActionExecuted.class::isInstance)
        .map(ActionExecuted.class::cast)
        .findFirst()
        .orElseThrow();
  }
}
