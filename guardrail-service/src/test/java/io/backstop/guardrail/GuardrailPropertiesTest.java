package io.backstop.guardrail;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GuardrailPropertiesTest {

  @Test
  void aNonPositiveReplayTimeoutIsRefusedNamingTheValue() {
    assertThatThrownBy(() -> new GuardrailProperties(null, null, true, Duration.ZERO, null))
        .hasMessage("backstop.guardrail.replay-timeout must be positive, but was PT0S");
  }

  @Test
  void aShortAdminTokenIsRefused() {
    assertThatThrownBy(
            () -> new GuardrailProperties(null, "short", true, Duration.ofSeconds(5), null))
        .hasMessageContaining("admin-token must be at least 16 characters, but was 5");
  }
}
