package io.backstop.modelsim;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the model simulator listens and what it expects: {@code host} (loopback by default), {@code
 * port} (0 picks a free one), the bearer {@code apiKey} clients must send, and an optional {@code
 * slowDelay} that replaces every scenario's {@code delay} for slow models (tests keep it short).
 */
public record SimulatorConfig(String host, int port, String apiKey, Duration slowDelay) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final String DEFAULT_API_KEY = "sk-backstop-simulator";

  public SimulatorConfig {
    host = host == null || host.isBlank() ? DEFAULT_HOST : host;
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, but was " + port);
    }
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("apiKey must not be blank");
    }
    if (slowDelay != null && slowDelay.isNegative()) {
      throw new IllegalArgumentException("slowDelay must not be negative, but was " + slowDelay);
    }
  }

  /** Loopback, a free port, the default key, scenario delays as written. */
  public static SimulatorConfig defaults() {
    return new SimulatorConfig(DEFAULT_HOST, 0, DEFAULT_API_KEY, null);
  }

  public SimulatorConfig withPort(int newPort) {
    return new SimulatorConfig(host, newPort, apiKey, slowDelay);
  }

  public SimulatorConfig withApiKey(String newKey) {
    return new SimulatorConfig(host, port, newKey, slowDelay);
  }

  public SimulatorConfig withSlowDelay(Duration newDelay) {
    return new SimulatorConfig(host, port, apiKey, newDelay);
  }

  public Optional<Duration> slowDelayOverride() {
    return Optional.ofNullable(slowDelay);
  }
}
