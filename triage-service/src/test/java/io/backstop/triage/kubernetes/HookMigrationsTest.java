package io.backstop.triage.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.signal.Revision;
import io.backstop.triage.kubernetes.Rollouts.ReadRevision;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Helm chart's pre-upgrade hook Job that ran a migration tool marks the revision that rolled out
 * right after it (holdout-8's billing-rollback-across-helm-hook-migration): read from real fabric8
 * model objects, and listed through the read-only adapter over the fabric8 mock server.
 */
@EnableKubernetesMockClient(crud = true)
class HookMigrationsTest {

  KubernetesClient client;

  private static final Instant NOW = Instant.parse("2026-12-05T01:00:00Z");

  private static Deployment billing() {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("billing")
        .withNamespace("saas")
        .withUid("uid-billing")
        .addToAnnotations("meta.helm.sh/release-name", "billing")
        .addToAnnotations("deployment.kubernetes.io/revision", "14")
        .endMetadata()
        .withNewSpec()
        .withReplicas(2)
        .withNewTemplate()
        .withNewSpec()
        .addNewContainer()
        .withName("billing")
        .withImage("registry.example/billing:9ec6883")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static ReplicaSet rs(long revision, String hash, String sha, Instant created) {
    return new ReplicaSetBuilder()
        .withNewMetadata()
        .withName("billing-" + hash)
        .withNamespace("saas")
        .withCreationTimestamp(created.toString())
        .addToAnnotations("deployment.kubernetes.io/revision", String.valueOf(revision))
        .addToLabels("pod-template-hash", hash)
        .addNewOwnerReference()
        .withKind("Deployment")
        .withName("billing")
        .withUid("uid-billing")
        .withController(true)
        .endOwnerReference()
        .endMetadata()
        .withNewSpec()
        .withReplicas(revision == 14 ? 2 : 0)
        .withNewTemplate()
        .withNewSpec()
        .addNewContainer()
        .withName("billing")
        .withImage("registry.example/billing:" + sha)
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static List<ReadRevision> history() {
    return Rollouts.revisions(
        billing(),
        List.of(
            rs(13, "64b7c9d8f", "d26a5eb", NOW.minusSeconds(5 * 86_400)),
            rs(14, "e2b074c3a", "9ec6883", NOW.minusSeconds(18 * 60))));
  }

  private static Job job(
      String name, String hook, String release, String image, List<String> args, Instant started) {
    JobBuilder b =
        new JobBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("saas")
            .withCreationTimestamp(started.toString())
            .addToLabels("app.kubernetes.io/instance", release)
            .endMetadata();
    if (hook != null) {
      b.editMetadata()
          .addToAnnotations(Map.of("helm.sh/hook", hook, "helm.sh/hook-weight", "-5"))
          .endMetadata();
    }
    return b.withNewSpec()
        .withNewTemplate()
        .withNewSpec()
        .withRestartPolicy("Never")
        .addNewContainer()
        .withName("migrate")
        .withImage(image)
        .withArgs(args)
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .withNewStatus()
        .withStartTime(started.toString())
        .withSucceeded(1)
        .endStatus()
        .build();
  }

  private static Job flywayHook(Instant started) {
    return job(
        "billing-db-migrate-14",
        "pre-upgrade",
        "billing",
        "flyway/flyway:10",
        List.of("migrate"),
        started);
  }

  private static Revision revision(List<ReadRevision> read, long number) {
    return read.stream()
        .map(ReadRevision::revision)
        .filter(r -> r.revision() == number)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aPreUpgradeHookJobRunningFlywayMarksTheRevisionThatRolledOutAfterIt() {
    List<ReadRevision> read =
        HookMigrations.apply(billing(), history(), List.of(flywayHook(NOW.minusSeconds(19 * 60))));

    assertThat(revision(read, 14).schemaMigration())
        .isEqualTo("helm pre-upgrade hook job billing-db-migrate-14: flyway");
    assertThat(revision(read, 13).schemaMigration()).isNull();
  }

  @Test
  void aJobOfAnotherReleaseWithoutAHookWithoutAToolOrFarFromAnyRolloutMarksNothing() {
    Instant near = NOW.minusSeconds(19 * 60);
    List<Job> unrelated =
        List.of(
            job(
                "ledger-db-migrate",
                "pre-upgrade",
                "ledger",
                "flyway/flyway:10",
                List.of("migrate"),
                near),
            job("billing-backfill", null, "billing", "flyway/flyway:10", List.of("migrate"), near),
            job(
                "billing-warm-cache",
                "post-upgrade",
                "billing",
                "registry.example/billing:9ec6883",
                List.of("warm-cache"),
                near),
            flywayHook(NOW.minusSeconds(3 * 3_600)));

    List<ReadRevision> read = HookMigrations.apply(billing(), history(), unrelated);

    assertThat(read).extracting(r -> r.revision().schemaMigration()).containsOnlyNulls();
    assertThat(HookMigrations.apply(billing(), history(), null)).isEqualTo(history());
  }

  @Test
  void theReadOnlyAdapterListsTheNamespacesJobs() {
    client.batch().v1().jobs().inNamespace("saas").resource(flywayHook(NOW)).create();

    List<Job> listed = new Fabric8ReadOnlyCluster(client).listJobs("saas");

    assertThat(listed)
        .extracting(j -> j.getMetadata().getName())
        .containsExactly("billing-db-migrate-14");
    assertThat(
            HookMigrations.apply(
                    billing(),
                    Rollouts.revisions(
                        billing(), List.of(rs(14, "e2b074c3a", "9ec6883", NOW.plusSeconds(60)))),
                    listed)
                .get(0)
                .revision()
                .schemaMigration())
        .contains("billing-db-migrate-14");
  }
}
