package io.backstop.sandbox.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DeploymentTrafficTest {

  private static final DeploymentTraffic.TrafficTarget BROKEN =
      new DeploymentTraffic.TrafficTarget(1.0, 0.01, 10, "503");
  private static final DeploymentTraffic.TrafficTarget HEALTHY =
      new DeploymentTraffic.TrafficTarget(0.0, 0.1, 10, "500");

  @Test
  void startsAtTheTargetAndRecoversLinearlyOverTheRecoveryTime() {
    var traffic = new DeploymentTraffic();
    traffic.advance(BROKEN, 0, 4);
    assertThat(traffic.errorRatio()).isEqualTo(1.0);

    traffic.advance(HEALTHY, 1, 4);
    assertThat(traffic.errorRatio()).isCloseTo(0.75, within(1e-9));
    traffic.advance(HEALTHY, 3, 4);
    assertThat(traffic.errorRatio()).isCloseTo(0.0, within(1e-9));
  }

  @Test
  void countersAdvanceWithTrafficSplitByCode() {
    var traffic = new DeploymentTraffic();
    traffic.advance(BROKEN, 0, 4);
    traffic.advance(BROKEN, 2, 4);

    var snapshot = traffic.snapshot();
    assertThat(snapshot.requestsByCode().get("503")).isCloseTo(20.0, within(1e-9));
    assertThat(snapshot.count()).isCloseTo(20.0, within(1e-9));
    assertThat(snapshot.bucketCounts()[snapshot.bucketCounts().length - 1])
        .isLessThanOrEqualTo(snapshot.count());
  }
}
