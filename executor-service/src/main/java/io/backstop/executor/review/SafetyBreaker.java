package io.backstop.executor.review;

import io.backstop.events.IncidentEvent;
import io.backstop.executor.check.WriteBreaker;
import io.backstop.safety.breaker.BreakerState;
import io.backstop.safety.breaker.Breakers;
import io.backstop.safety.breaker.NamespaceBreaker;
import java.time.Clock;
import java.util.Optional;

/**
 * The executor's view of backstop-safety's global breaker ({@link Breakers}), fed only with the
 * executor's own facts and human resets. Fails closed: if the breaker cannot answer, writes stop.
 */
public final class SafetyBreaker implements WriteBreaker {

  private final Breakers breakers;
  private final Clock clock;

  public SafetyBreaker(Breakers breakers, Clock clock) {
    this.breakers = breakers;
    this.clock = clock;
  }

  @Override
  public Optional<String> openReason(String namespace) {
    try {
      if (breakers.allowsWrite(namespace)) {
        return Optional.empty();
      }
      NamespaceBreaker breaker = breakers.of(namespace);
      if (breaker.state() == BreakerState.OPEN) {
        return Optional.of("open since " + breaker.openedAt() + ": " + breaker.openReason());
      }
      return Optional.of(
          breaker.writesInWindow(clock.instant(), breakers.settings())
              + " automated writes within "
              + breakers.settings().window()
              + " (max "
              + breakers.settings().maxWrites()
              + ")");
    } catch (RuntimeException e) {
      return Optional.of("the breaker could not be read (" + e.getMessage() + "); failing closed");
    }
  }

  @Override
  public void observe(IncidentEvent event) {
    breakers.apply(event);
  }

  @Override
  public void observe(IncidentEvent event, java.time.Instant at) {
    breakers.apply(event, at);
  }
}
