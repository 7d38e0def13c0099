package io.backstop.triage.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.events.signal.ConfigChange.ConfigKind;
import io.backstop.events.signal.ConfigRef;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A pod template's Secrets and ConfigMaps against the names the namespace's lists answered. */
class ConfigPresenceTest {

  static final Instant AT = Instant.parse("2026-11-24T09:00:00Z");

  /** env valueFrom a Secret, a projected ConfigMap, and a Secret mounted optional and required. */
  static PodSpec template() {
    return new PodSpecBuilder()
        .addNewContainer()
        .withName("api")
        .withImage("registry.local/shop/api:1")
        .withEnv(
            new EnvVarBuilder()
                .withName("DB_PASSWORD")
                .withNewValueFrom()
                .withNewSecretKeyRef("password", "api-db", false)
                .endValueFrom()
                .build())
        .endContainer()
        .addNewVolume()
        .withName("bundle")
        .withNewProjected()
        .withSources(
            new VolumeProjectionBuilder()
                .withNewConfigMap()
                .withName("api-ca")
                .endConfigMap()
                .build())
        .endProjected()
        .endVolume()
        .addNewVolume()
        .withName("tls-optional")
        .withNewSecret()
        .withSecretName("api-tls")
        .withOptional(true)
        .endSecret()
        .endVolume()
        .addNewVolume()
        .withName("tls")
        .withNewSecret()
        .withSecretName("api-tls")
        .endSecret()
        .endVolume()
        .build();
  }

  static ObjectChange object(ConfigKind kind, String name) {
    return new ObjectChange(kind, "shop", name, AT, AT, "");
  }

  @Test
  void aReferenceTheListDoesNotHoldIsMissingEvenWhenAnotherReferenceToItIsOptional() {
    ConfigPresence presence =
        ConfigPresence.of(
            List.of(object(ConfigKind.SECRET, "api-db"), object(ConfigKind.CONFIG_MAP, "api-ca")),
            Set.of(ConfigKind.SECRET, ConfigKind.CONFIG_MAP));

    ConfigPresence.Check check = presence.check(template());

    assertThat(check.missing()).containsExactly(ConfigRef.secret("api-tls"));
    assertThat(check.unverified()).isEmpty();
  }

  @Test
  void everyReferenceIsFoundWhenTheListsHoldThem() {
    ConfigPresence presence =
        ConfigPresence.of(
            List.of(
                object(ConfigKind.SECRET, "api-db"),
                object(ConfigKind.SECRET, "api-tls"),
                object(ConfigKind.CONFIG_MAP, "api-ca")),
            Set.of(ConfigKind.SECRET, ConfigKind.CONFIG_MAP));

    ConfigPresence.Check check = presence.check(template());

    assertThat(check.missing()).isEmpty();
    assertThat(check.unverified()).isEmpty();
  }

  @Test
  void aKindWhoseListWasNotReadIsUnverifiedWhateverNamesOfItArrived() {
    ConfigPresence presence =
        ConfigPresence.of(
            List.of(object(ConfigKind.SECRET, "api-db"), object(ConfigKind.CONFIG_MAP, "api-ca")),
            Set.of(ConfigKind.CONFIG_MAP));

    ConfigPresence.Check check = presence.check(template());

    assertThat(check.missing()).isEmpty();
    assertThat(check.unverified())
        .containsExactlyInAnyOrder(ConfigRef.secret("api-db"), ConfigRef.secret("api-tls"));
  }

  @Test
  void nothingListedLeavesEveryRequiredReferenceUnverified() {
    ConfigPresence.Check check = ConfigPresence.unknown().check(template());

    assertThat(check.missing()).isEmpty();
    assertThat(check.unverified())
        .containsExactlyInAnyOrder(
            ConfigRef.secret("api-db"), ConfigRef.secret("api-tls"), ConfigRef.configMap("api-ca"));
  }

  @Test
  void aListAnswerWithAContinueTokenIsRefusedWhole() {
    assertThatThrownBy(
            () ->
                ObjectMetadataList.parse(
                    ConfigKind.SECRET,
                    "shop",
                    "{\"metadata\":{\"continue\":\"abc\"},\"items\":[{\"metadata\":{\"name\":\"a\"}}]}"))
        .isInstanceOf(ObjectMetadataList.IncompleteListException.class)
        .hasMessageContaining("cut short");
  }

  @Test
  void anItemWithoutACreationTimeStillCountsAsPresent() {
    List<ObjectChange> parsed =
        ObjectMetadataList.parse(
            ConfigKind.SECRET, "shop", "{\"items\":[{\"metadata\":{\"name\":\"api-db\"}}]}");

    assertThat(parsed).extracting(ObjectChange::name).containsExactly("api-db");
  }
}
