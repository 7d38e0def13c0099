package io.backstop.diagnosis.chain;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the service remembers about each target across incidents: its circuit breaker (open means a
 * cooldown of {@link ChainSettings#openFor()}, timed on the injected clock) and its recent latency.
 */
public final class TargetHealth {

  private final CircuitBreakerConfig breakerConfig;
  private final int latencyWindow;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
  private final Map<String, LatencyWindow> latencies = new ConcurrentHashMap<>();

  public TargetHealth(ChainSettings settings, Clock clock) {
    this.breakerConfig =
        CircuitBreakerConfig.custom()
            .slidingWindow(
                settings.breakerWindow(),
                Math.min(settings.breakerMinimumCalls(), settings.breakerWindow()),
                SlidingWindowType.COUNT_BASED)
            .failureRateThreshold(settings.failureRatePercent())
            .waitDurationInOpenState(settings.openFor())
            .permittedNumberOfCallsInHalfOpenState(1)
            .clock(clock)
            .build();
    this.latencyWindow = settings.latencyWindow();
  }

  public CircuitBreaker breaker(String target) {
    return breakers.computeIfAbsent(target, name -> CircuitBreaker.of(name, breakerConfig));
  }

  public LatencyWindow latency(String target) {
    return latencies.computeIfAbsent(target, name -> new LatencyWindow(latencyWindow));
  }

  public boolean open(String target) {
    return breaker(target).getState() == CircuitBreaker.State.OPEN;
  }
}
