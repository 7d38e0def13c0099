package io.backstop.triage.evidence;

import static io.backstop.triage.kubernetes.PromoCluster.CART;
import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.SignalsGathered;
import io.backstop.events.signal.ConfigRef;
import io.backstop.events.signal.Evidence;
import io.backstop.events.signal.EvidenceKind;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RolloutHistory;
import io.backstop.triage.kubernetes.PromoCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each revision of the rollout history names the Secrets and ConfigMaps its template references
 * that are gone now, read through the real read-only adapter (metadata-only lists) from the fabric8
 * mock server: the shape of a rollback target whose Secret a migration deleted. A list that fails
 * or comes back cut short leaves its kind unverified, never present.
 */
@EnableKubernetesMockClient(crud = true)
class RollbackTargetConfigTest {

  KubernetesMockServer server;
  KubernetesClient client;

  @BeforeEach
  void cluster() {
    PromoCluster.write(server, client);
  }

  SignalsGathered gather() {
    return gather(GatheringLimits.defaults());
  }

  SignalsGathered gather(GatheringLimits limits) {
    return Gatherings.from(client).limits(limits).gather(BeyondTheAlertTest.alertOn(CART.name()));
  }

  static Revision revision(SignalsGathered s, long number) {
    RolloutHistory history = s.rollout(CART).orElseThrow();
    return history.revision(number).orElseThrow();
  }

  @Test
  void namesTheSecretARevisionMountsThatWasDeletedSinceItRan() {
    SignalsGathered s = gather();

    assertThat(revision(s, 2).missingConfig()).containsExactly(ConfigRef.secret("cart-promo-key"));
    assertThat(revision(s, 2).unverifiedConfig()).isEmpty();
    assertThat(revision(s, 3).configPresent()).isTrue();
    assertThat(revision(s, 1).configPresent()).isTrue();
  }

  @Test
  void anOptionalReferenceToAnAbsentSecretIsNotMissing() {
    SignalsGathered s = gather();

    assertThat(s.rollout(CART).orElseThrow().revisions())
        .flatMap(Revision::missingConfig)
        .doesNotContain(ConfigRef.secret("cart-debug"));
  }

  @Test
  void citesTheMissingSecretAsConfigEvidenceOfThatReplicaSet() {
    SignalsGathered s = gather();

    Evidence item =
        s.evidence().stream()
            .filter(e -> e.kind() == EvidenceKind.CONFIG)
            .filter(e -> e.subject().equals("replicaset/" + PromoCluster.REV2_RS))
            .findFirst()
            .orElseThrow();
    assertThat(item.workload()).isEqualTo(CART);
    assertThat(item.text())
        .contains("revision 2 of shop/cart references secret/cart-promo-key")
        .contains("CreateContainerConfigError")
        .doesNotContain("not read by triage");
    assertThat(s.evidence())
        .filteredOn(e -> e.kind() == EvidenceKind.CONFIG)
        .noneMatch(e -> e.subject().equals("replicaset/" + PromoCluster.REV3_RS));
  }

  @Test
  void aSecretListTheTokenMayNotReadLeavesEverySecretUnverifiedNeverPresent() {
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/shop/secrets")
        .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"reason\":\"Forbidden\"}")
        .always();

    SignalsGathered s = gather();

    assertThat(revision(s, 2).missingConfig()).isEmpty();
    assertThat(revision(s, 2).unverifiedConfig())
        .containsExactly(ConfigRef.secret("cart-promo-key"));
    assertThat(revision(s, 3).unverifiedConfig())
        .containsExactly(ConfigRef.secret("cart-promo-v2"));
    assertThat(revision(s, 1).configPresent()).isTrue();
    assertThat(s.missingSources()).anyMatch(m -> m.contains("kubernetes.secrets-metadata"));
    assertThat(s.evidence())
        .filteredOn(e -> e.subject().equals("replicaset/" + PromoCluster.REV2_RS))
        .anyMatch(e -> e.text().contains("whether its secret/cart-promo-key exist now could not"));
  }

  @Test
  void withConfigMetadataTurnedOffNothingIsMissingAndEveryReferenceIsUnverified() {
    GatheringLimits.Related on = GatheringLimits.Related.defaults();
    GatheringLimits off =
        GatheringLimits.defaults()
            .withRelated(
                new GatheringLimits.Related(
                    on.maxWorkloads(),
                    on.maxNodes(),
                    on.maxApiCalls(),
                    on.maxMetricQueries(),
                    on.logPodsPerWorkload(),
                    on.maxNamespacePods(),
                    on.nodes(),
                    false,
                    on.changeWindow(),
                    on.backstopFieldManagers()));

    SignalsGathered s = gather(off);

    assertThat(revision(s, 2).missingConfig()).isEmpty();
    assertThat(revision(s, 2).unverifiedConfig())
        .containsExactlyInAnyOrder(
            ConfigRef.configMap("cart-settings"), ConfigRef.secret("cart-promo-key"));
    assertThat(s.gathering().skipped()).anyMatch(m -> m.contains("config-metadata=false"));
  }

  @Test
  void aConfigMapListCutShortLeavesConfigMapsUnverified() {
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/shop/configmaps")
        .andReturn(
            200,
            "{\"kind\":\"ConfigMapList\",\"metadata\":{\"continue\":\"next-page\"},\"items\":[]}")
        .always();

    SignalsGathered s = gather();

    assertThat(revision(s, 1).unverifiedConfig())
        .containsExactly(ConfigRef.configMap("cart-settings"));
    assertThat(revision(s, 2).missingConfig()).containsExactly(ConfigRef.secret("cart-promo-key"));
    assertThat(revision(s, 2).unverifiedConfig())
        .containsExactly(ConfigRef.configMap("cart-settings"));
    assertThat(s.missingSources()).anyMatch(m -> m.contains("cut short"));
  }
}
