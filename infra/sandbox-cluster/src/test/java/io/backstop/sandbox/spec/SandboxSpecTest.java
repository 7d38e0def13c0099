package io.backstop.sandbox.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxSpecTest {

  private static final RevisionSpec REVISION =
      new RevisionSpec(1, "img:1", "abc", Duration.ZERO, "");

  @Test
  void badNamesAndValuesAreRefusedWithTheValue() {
    assertThatThrownBy(() -> DeploymentSpec.of("Bad_Name", 1, List.of(REVISION)))
        .hasMessageContaining("'Bad_Name'");
    assertThatThrownBy(() -> DeploymentSpec.of("ok", -1, List.of(REVISION)))
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> DeploymentSpec.of("ok", 1, List.of()))
        .hasMessageContaining("at least one revision");
    assertThatThrownBy(() -> new RevisionSpec(0, "img", null, null, null))
        .hasMessageContaining("0");
    assertThatThrownBy(() -> new ContainerResources("lots", null, null, null))
        .hasMessageContaining("'lots'");
    assertThatThrownBy(() -> Health.errorRate(1.5)).hasMessageContaining("1.5");
  }

  @Test
  void unknownImagesRunHealthy() {
    var spec = new SandboxSpec(List.of(), null, null);

    assertThat(spec.healthOf("anything").kind()).isEqualTo(HealthKind.HEALTHY);
  }

  @Test
  void onlyADelayedRolloutIsDeferred() {
    assertThat(FaultSpec.rollout("ns", "d", Duration.ofSeconds(5)).isDeferred()).isTrue();
    assertThat(FaultSpec.rollout("ns", "d", Duration.ZERO).isDeferred()).isFalse();
    assertThat(
            FaultSpec.condition("ns", "d", Duration.ofSeconds(5), Health.crashLoop()).isDeferred())
        .isFalse();
  }

  @Test
  void quantitiesParseAndPrintAsKubernetesDoes() {
    assertThat(Quantities.bytes("512Mi")).isEqualTo(512L << 20);
    assertThat(Quantities.cpuMillis("1.5")).isEqualTo(1500);
    assertThat(Quantities.cpuMillis("250m")).isEqualTo(250);
    assertThat(Quantities.kibibytes(2048)).isEqualTo("2Ki");
    assertThat(Quantities.nanocores(0.25)).isEqualTo("250000000n");
  }
}
