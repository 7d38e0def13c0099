package io.backstop.triage.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.fixtures.Fixtures;
import org.junit.jupiter.api.Test;

class OnsetTest {

  @Test
  void hasNoOnsetWhenTheLatestSampleIsBelowTheThreshold() {
    assertThat(Onset.of(StubPrometheus.every30s(Fixtures.NOW, 0.2, 0.3, 0.01), 0.05)).isEmpty();
  }

  @Test
  void datesTheOnsetToTheRangeStartWhenEverySampleIsAbove() {
    assertThat(Onset.of(StubPrometheus.every30s(Fixtures.NOW, 0.2, 0.3, 0.4), 0.05))
        .contains(Fixtures.NOW);
  }
}
