package io.backstop.sandbox.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.sandbox.spec.Health;
import org.junit.jupiter.api.Test;

class SaturationTest {

  private final Health saturated = Health.saturated(3.5);

  @Test
  void atTheOriginalScaleThePodsBehaveAsTheProfileSays() {
    Health scaled = Saturation.scaled(saturated, 3.5);

    assertThat(scaled.cpuUtilisation()).isEqualTo(saturated.cpuUtilisation());
    assertThat(scaled.latencyP99()).isEqualTo(saturated.latencyP99());
  }

  @Test
  void scalingOutEasesCpuLatencyAndErrorsUntilNormal() {
    Health half = Saturation.scaled(saturated, 3.5 * 3 / 6);
    Health enough = Saturation.scaled(saturated, 3.5 * 3 / 9);

    assertThat(half.cpuUtilisation()).isLessThan(saturated.cpuUtilisation());
    assertThat(half.errorRate()).isLessThan(saturated.errorRate());
    assertThat(enough.latencyP99().toMillis()).isEqualTo(150);
    assertThat(Saturation.severity(saturated, 3.5 * 3 / 9)).isZero();
  }
}
