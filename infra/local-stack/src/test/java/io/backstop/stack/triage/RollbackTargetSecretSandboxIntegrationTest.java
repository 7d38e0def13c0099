package io.backstop.stack.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.AlertReceived;
import io.backstop.events.EventHeader;
import io.backstop.events.SignalsGathered;
import io.backstop.events.Stage;
import io.backstop.events.alert.AlertSeverity;
import io.backstop.events.alert.AlertStatus;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.id.IncidentId;
import io.backstop.events.signal.ConfigRef;
import io.backstop.events.signal.EvidenceKind;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.redaction.Redactor;
import io.backstop.sandbox.SandboxCluster;
import io.backstop.sandbox.SandboxOptions;
import io.backstop.sandbox.spec.DeploymentSpec;
import io.backstop.sandbox.spec.NamespaceSpec;
import io.backstop.sandbox.spec.RevisionSpec;
import io.backstop.sandbox.spec.SandboxSpec;
import io.backstop.sandbox.spec.SecretSpec;
import io.backstop.triage.evidence.GatheringLimits;
import io.backstop.triage.evidence.SignalGatherer;
import io.backstop.triage.kubernetes.Fabric8ReadOnlyCluster;
import io.backstop.triage.metrics.PrometheusSettings;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox cluster shows a rollback target whose Secret is gone, and triage's own reader, with
 * the read-only token (which may list Secrets as metadata only), names it: cart's two revisions
 * read Secret cart-promo-key through env; once an administrator deletes it, every revision records
 * it missing and the earlier one (the rollback target) gets a CONFIG evidence item. No scenario,
 * broker or other service is involved.
 */
class RollbackTargetSecretSandboxIntegrationTest {

  static final String NS = "shop";
  static final WorkloadRef CART = WorkloadRef.deployment(NS, "cart");

  SandboxCluster sandbox;
  ExecutorService executor = Executors.newFixedThreadPool(4);

  @BeforeEach
  void start() {
    DeploymentSpec cart =
        new DeploymentSpec(
            "cart",
            2,
            null,
            null,
            0,
            0,
            null,
            List.of(
                new RevisionSpec(
                    1,
                    "registry.local/cart:2.0.0",
                    "7620de04092711a49ed7d9ac9450057dfb4a2796",
                    Duration.ofDays(6),
                    "release 2.0.0"),
                new RevisionSpec(
                    2,
                    "registry.local/cart:2.1.0",
                    "3b9d0e5f7a1c2e4d6f8a0b2c4e6d8f0a1b3c5e7d",
                    Duration.ofMinutes(11),
                    "release 2.1.0")),
            null,
            null,
            Map.of("PROMO_KEY", "cart-promo-key"),
            null,
            null);
    sandbox =
        SandboxCluster.start(
            new SandboxSpec(
                List.of(
                    new NamespaceSpec(
                        NS,
                        Map.of(),
                        List.of(cart),
                        List.of(),
                        List.of(new SecretSpec("cart-promo-key", Duration.ofDays(6))),
                        List.of())),
                Map.of(),
                null),
            SandboxOptions.fast());
  }

  @AfterEach
  void stop() {
    executor.shutdownNow();
    sandbox.close();
  }

  KubernetesClient client(String token) {
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder().withMasterUrl(sandbox.httpUrl()).withOauthToken(token).build())
        .build();
  }

  SignalsGathered gather() {
    try (KubernetesClient readOnly = client(sandbox.tokens().readOnly())) {
      return new SignalGatherer(
              Optional.of(new Fabric8ReadOnlyCluster(readOnly)),
              PrometheusSettings.unconfigured(),
              GatheringLimits.defaults(),
              new Redactor(),
              executor,
              Clock.systemUTC())
          .gather(alert());
    }
  }

  static Revision revision(SignalsGathered s, long number) {
    return s.rollout(CART).orElseThrow().revision(number).orElseThrow();
  }

  @Test
  void everyRevisionsSecretIsPresentWhileItExists() {
    SignalsGathered s = gather();

    assertThat(s.rollout(CART).orElseThrow().revisions())
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.configPresent()).as("revision " + r.revision()).isTrue());
  }

  @Test
  void aSecretDeletedSinceTheRevisionRanIsNamedMissingAndCited() {
    try (KubernetesClient admin = client(sandbox.tokens().admin())) {
      admin.secrets().inNamespace(NS).withName("cart-promo-key").delete();
    }

    SignalsGathered s = gather();

    assertThat(revision(s, 1).missingConfig()).containsExactly(ConfigRef.secret("cart-promo-key"));
    assertThat(revision(s, 1).unverifiedConfig()).isEmpty();
    assertThat(s.evidence())
        .filteredOn(e -> e.kind() == EvidenceKind.CONFIG)
        .anySatisfy(
            e ->
                assertThat(e.text())
                    .startsWith("revision 1 of shop/cart references secret/cart-promo-key"));
  }

  static AlertReceived alert() {
    Instant now = Instant.now();
    return EventCodec.seal(
        new AlertReceived(
            EventHeader.first(
                IncidentId.of("inc-shop-cart-config"), "test|cart", Stage.INTAKE, now),
            "alertmanager",
            "fp-cart",
            "{}",
            "HighErrorRatio",
            AlertSeverity.CRITICAL,
            AlertStatus.FIRING,
            Map.of("alertname", "HighErrorRatio", "namespace", NS, "deployment", "cart"),
            Map.of(),
            now.minus(Duration.ofMinutes(5)),
            null,
            null,
            0));
  }
}
