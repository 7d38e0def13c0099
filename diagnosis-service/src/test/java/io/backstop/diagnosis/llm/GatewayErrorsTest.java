package io.backstop.diagnosis.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayErrorsTest {

  @Test
  void readsRetryAfterInSecondsIncludingFractions() {
    assertThat(GatewayErrors.retryAfter(List.of("2"), false)).isEqualTo(Duration.ofSeconds(2));
    assertThat(GatewayErrors.retryAfter(List.of(" 0.25 "), false))
        .isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void readsRetryAfterMsInMilliseconds() {
    assertThat(GatewayErrors.retryAfter(List.of("1500"), true)).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void ignoresAnHttpDateANegativeOrAMissingValue() {
    assertThat(GatewayErrors.retryAfter(List.of("Wed, 21 Oct 2026 07:28:00 GMT"), false)).isNull();
    assertThat(GatewayErrors.retryAfter(List.of("-3"), false)).isNull();
    assertThat(GatewayErrors.retryAfter(List.of(), false)).isNull();
  }
}
