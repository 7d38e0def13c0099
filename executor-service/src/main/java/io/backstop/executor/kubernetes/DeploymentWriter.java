package io.backstop.executor.kubernetes;

import io.backstop.events.diagnosis.ActionType;
import io.backstop.executor.plan.Actuator;
import io.backstop.executor.plan.PlannedWrite;
import io.backstop.executor.plan.WriteRejectedException;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * The only class in the codebase that writes to a cluster. It can do three things to one
 * Deployment, each as an RFC 6902 JSON Patch ({@code application/json-patch+json}): replace its pod
 * template (ROLLBACK), set a restart annotation on it (RESTART), or set replicas through the {@code
 * scale} subresource (SCALE); and it can send any of them as a server-side dry run. There is no
 * create, delete, replace or apply, and no other kind of object.
 */
public final class DeploymentWriter implements Actuator {

  private final KubernetesClient client;

  public DeploymentWriter(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public void admissionCheck(PlannedWrite write) {
    if (write.type() == ActionType.SCALE) {
      patchScale(write, true);
    }
    patchDeployment(write, true);
  }

  @Override
  public void rollback(PlannedWrite write) {
    require(write, ActionType.ROLLBACK);
    patchDeployment(write, false);
  }

  @Override
  public void restart(PlannedWrite write) {
    require(write, ActionType.RESTART);
    patchDeployment(write, false);
  }

  /**
   * Scales first, then marks: if the process dies in between, the Deployment carries no mark and
   * the ledger says "in progress", which the executor escalates instead of claiming success.
   */
  @Override
  public void scale(PlannedWrite write) {
    require(write, ActionType.SCALE);
    patchScale(write, false);
    patchDeployment(write, false);
  }

  private void patchDeployment(PlannedWrite write, boolean dryRun) {
    try {
      deployment(write)
          .dryRun(dryRun)
          .patch(PatchContext.of(PatchType.JSON), write.deploymentPatchJson());
    } catch (KubernetesClientException e) {
      throw rejected(write, e);
    }
  }

  private void patchScale(PlannedWrite write, boolean dryRun) {
    try {
      deployment(write)
          .dryRun(dryRun)
          .subresource("scale")
          .patch(PatchContext.of(PatchType.JSON), write.scalePatchJson());
    } catch (KubernetesClientException e) {
      throw rejected(write, e);
    }
  }

  private RollableScalableResource<Deployment> deployment(PlannedWrite write) {
    return client
        .apps()
        .deployments()
        .inNamespace(write.target().namespace())
        .withName(write.target().name());
  }

  private static RuntimeException rejected(PlannedWrite write, KubernetesClientException e) {
    int code = e.getCode();
    if (code >= 400 && code < 500) {
      String reason =
          e.getStatus() != null && e.getStatus().getMessage() != null
              ? e.getStatus().getMessage()
              : e.getMessage();
      return new WriteRejectedException(write.target(), code, reason, e);
    }
    return e;
  }

  private static void require(PlannedWrite write, ActionType type) {
    if (write.type() != type) {
      throw new IllegalArgumentException(
          "a " + type + " cannot apply a planned " + write.type() + " on " + write.target());
    }
  }
}
