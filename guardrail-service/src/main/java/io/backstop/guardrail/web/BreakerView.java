package io.backstop.guardrail.web;

import io.backstop.safety.breaker.BreakerSettings;
import io.backstop.safety.breaker.BreakerState;
import io.backstop.safety.breaker.NamespaceBreaker;
import java.time.Instant;

/** One namespace's breaker as the admin endpoint shows it. */
public record BreakerView(
    String namespace,
    BreakerState state,
    long writesInWindow,
    long failedRecoveriesInWindow,
    int maxWrites,
    int maxFailedRecoveries,
    String window,
    String openedAt,
    String openReason) {

  static BreakerView of(NamespaceBreaker breaker, Instant now, BreakerSettings settings) {
    return new BreakerView(
        breaker.namespace(),
        breaker.state(),
        breaker.writesInWindow(now, settings),
        breaker.failedRecoveriesInWindow(now, settings),
        settings.maxWrites(),
        settings.maxFailedRecoveries(),
        settings.window().toString(),
        breaker.openedAt() == null ? null : breaker.openedAt().toString(),
        breaker.openReason());
  }
}
