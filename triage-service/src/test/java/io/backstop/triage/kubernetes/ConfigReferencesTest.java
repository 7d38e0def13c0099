package io.backstop.triage.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.signal.ConfigChange.ConfigKind;
import io.backstop.events.signal.ConfigChange.Reference;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigReferencesTest {

  private static PodSpec spec(String subPath, String otherSubPath) {
    var app =
        new ContainerBuilder()
            .withName("app")
            .addNewEnv()
            .withName("DB_PASSWORD")
            .withNewValueFrom()
            .withNewSecretKeyRef()
            .withName("db")
            .withKey("password")
            .endSecretKeyRef()
            .endValueFrom()
            .endEnv()
            .addNewEnvFrom()
            .withNewConfigMapRef()
            .withName("settings")
            .endConfigMapRef()
            .endEnvFrom()
            .addToVolumeMounts(
                new VolumeMountBuilder()
                    .withName("flags")
                    .withMountPath("/etc/flags")
                    .withSubPath(subPath)
                    .build());
    var sidecar =
        new ContainerBuilder()
            .withName("sidecar")
            .addToVolumeMounts(
                new VolumeMountBuilder()
                    .withName("flags")
                    .withMountPath("/flags")
                    .withSubPath(otherSubPath)
                    .build());
    return new PodSpecBuilder()
        .withContainers(app.build(), sidecar.build())
        .withVolumes(
            new VolumeBuilder()
                .withName("flags")
                .withNewConfigMap()
                .withName("api-flags")
                .endConfigMap()
                .build(),
            new VolumeBuilder()
                .withName("unmounted")
                .withNewSecret()
                .withSecretName("tls")
                .endSecret()
                .build())
        .build();
  }

  private static ConfigReferences.Reference find(List<ConfigReferences.Reference> refs, String n) {
    return refs.stream().filter(r -> r.name().equals(n)).findFirst().orElseThrow();
  }

  @Test
  void envAndEnvFromAreHeldUntilRestart() {
    var refs = ConfigReferences.of(spec(null, null));

    assertThat(find(refs, "db").kind()).isEqualTo(ConfigKind.SECRET);
    assertThat(find(refs, "db").modes()).containsExactly(Reference.ENV);
    assertThat(find(refs, "settings").modes()).containsExactly(Reference.ENV_FROM);
  }

  @Test
  void aVolumeMountedWholeByEveryContainerIsSeenLive() {
    var flags = find(ConfigReferences.of(spec(null, null)), "api-flags");

    assertThat(flags.modes()).containsExactly(Reference.VOLUME);
    assertThat(flags.via()).isEqualTo("volume flags");
  }

  @Test
  void aVolumeMountedBySubPathEverywhereIsHeldUntilRestart() {
    var flags = find(ConfigReferences.of(spec("flags.yaml", "flags.yaml")), "api-flags");

    assertThat(flags.modes()).containsExactly(Reference.SUB_PATH);
    assertThat(flags.via()).isEqualTo("volume flags (subPath)");
  }

  @Test
  void aVolumeOneContainerMountsWholeIsSeenLiveEvenIfAnotherUsesSubPath() {
    var flags = find(ConfigReferences.of(spec("flags.yaml", null)), "api-flags");

    assertThat(flags.modes()).containsExactlyInAnyOrder(Reference.SUB_PATH, Reference.VOLUME);
  }

  @Test
  void aVolumeNoContainerMountsCountsAsSeenLive() {
    assertThat(find(ConfigReferences.of(spec(null, null)), "tls").modes())
        .containsExactly(Reference.VOLUME);
  }
}
