package io.backstop.sandbox.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RolloutMathTest {

  @ParameterizedTest(name = "{0}/{1} of {2} -> surge {3}, unavailable {4}")
  @CsvSource({
    "25%, 25%, 3, 1, 0",
    "25%, 25%, 4, 1, 1",
    "25%, 25%, 10, 3, 2",
    "0, 0, 3, 0, 1",
    "2, 1, 5, 2, 1"
  })
  void resolvesSurgeUpAndUnavailableDownAsTheControllerDoes(
      String surge, String unavailable, int desired, int expectedSurge, int expectedUnavailable) {
    var strategy =
        new DeploymentStrategyBuilder()
            .withType("RollingUpdate")
            .withNewRollingUpdate()
            .withMaxSurge(value(surge))
            .withMaxUnavailable(value(unavailable))
            .endRollingUpdate()
            .build();

    assertThat(RolloutMath.of(strategy, desired))
        .isEqualTo(new RolloutMath(expectedSurge, expectedUnavailable));
  }

  private static IntOrString value(String text) {
    return text.endsWith("%") ? new IntOrString(text) : new IntOrString(Integer.parseInt(text));
  }
}
