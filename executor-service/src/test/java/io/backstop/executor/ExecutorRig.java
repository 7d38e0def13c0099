package io.backstop.executor;

import io.backstop.events.fixtures.Fixtures;
import io.backstop.executor.apiserver.SandboxApi;
import io.backstop.executor.check.ActionRecheck;
import io.backstop.executor.check.WriteBreaker;
import io.backstop.executor.kubernetes.DeploymentWriter;
import io.backstop.executor.kubernetes.KubernetesLiveState;
import io.backstop.executor.ledger.ActionLedger;
import io.backstop.executor.plan.Actuator;
import io.backstop.executor.verify.ErrorSignal;
import io.backstop.executor.verify.RolloutJudge;
import io.backstop.executor.verify.RolloutVerifier;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;

/** Wires an {@link ApprovalExecutor} to a simulated API server the way the application does. */
final class ExecutorRig {

  /** Generous for a loaded machine: only a rollout that never recovers waits the whole window. */
  static final ExecutorProperties.Verification FAST =
      new ExecutorProperties.Verification(Duration.ofSeconds(15), Duration.ofMillis(100), 2);

  static final ExecutorProperties.Verification SHORT =
      new ExecutorProperties.Verification(Duration.ofSeconds(2), Duration.ofMillis(100), 2);

  private ExecutorRig() {}

  static ExecutorProperties properties(boolean dryRun) {
    return properties(dryRun, FAST);
  }

  static ExecutorProperties properties(boolean dryRun, ExecutorProperties.Verification window) {
    return new ExecutorProperties(dryRun, List.of("shop"), null, null, window, null, null);
  }

  static ApprovalExecutor executor(
      KubernetesClient client,
      ExecutorProperties properties,
      ActionLedger ledger,
      ActionRecheck recheck,
      WriteBreaker breaker) {
    return executor(client, properties, ledger, recheck, breaker, ErrorSignal.NONE);
  }

  static ApprovalExecutor executor(
      KubernetesClient client,
      ExecutorProperties properties,
      ActionLedger ledger,
      ActionRecheck recheck,
      WriteBreaker breaker,
      ErrorSignal errors) {
    KubernetesLiveState cluster = new KubernetesLiveState(client);
    RolloutVerifier verifier =
        new RolloutVerifier(
            cluster,
            errors,
            new RolloutJudge(0.05),
            properties.verification(),
            Fixtures.CLOCK,
            d -> Thread.sleep(d.toMillis()));
    return new ApprovalExecutor(
        properties,
        io.backstop.executor.fixtures.Approvals.GUARDRAIL,
        cluster,
        new DeploymentWriter(client),
        ledger,
        recheck,
        breaker,
        verifier,
        Fixtures.CLOCK);
  }

  /** An executor whose hands and verification pauses are given: for crash tests. */
  static ApprovalExecutor executor(
      KubernetesClient client,
      ExecutorProperties properties,
      ActionLedger ledger,
      ActionRecheck recheck,
      WriteBreaker breaker,
      java.util.function.UnaryOperator<Actuator> hands,
      RolloutVerifier.Pause pause) {
    KubernetesLiveState cluster = new KubernetesLiveState(client);
    RolloutVerifier verifier =
        new RolloutVerifier(
            cluster,
            ErrorSignal.NONE,
            new RolloutJudge(0.05),
            properties.verification(),
            Fixtures.CLOCK,
            pause);
    return new ApprovalExecutor(
        properties,
        io.backstop.executor.fixtures.Approvals.GUARDRAIL,
        cluster,
        hands.apply(new DeploymentWriter(client)),
        ledger,
        recheck,
        breaker,
        verifier,
        Fixtures.CLOCK);
  }

  static KubernetesClient writeClient(SandboxApi api) {
    return api.client(SandboxApi.WRITE_TOKEN);
  }
}
