package io.backstop.stream.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether the broker answers, as a readiness signal that never blocks a probe. A daemon thread asks
 * the cluster for its nodes every {@code interval} (each question bounded by {@code timeout}) and
 * keeps the answer; {@link #health()} only reads it, so it returns at once whatever the broker
 * does. UP while the last successful answer is younger than {@code staleAfter}; DOWN before the
 * first one and once it is older, with the last error. Liveness never includes it: a service whose
 * broker is down is not ready, but killing it would not bring the broker back.
 */
public final class BrokerHealth implements HealthIndicator, AutoCloseable {

  private final Admin admin;
  private final Duration timeout;
  private final Duration staleAfter;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private volatile Instant lastAnswer;
  private volatile int nodes;
  private volatile String lastError = "not checked yet";

  public BrokerHealth(
      Map<String, Object> adminProperties,
      Duration interval,
      Duration timeout,
      Duration staleAfter,
      Clock clock) {
    Map<String, Object> config = new HashMap<>(adminProperties);
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "backstop-health");
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    this.admin = Admin.create(config);
    this.timeout = timeout;
    this.staleAfter = staleAfter;
    this.clock = clock;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "backstop-broker-health");
              t.setDaemon(true);
              return t;
            });
    scheduler.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  void check() {
    try {
      int seen =
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
              .nodes()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .size();
      if (seen == 0) {
        lastError = "the cluster reported no broker";
        return;
      }
      nodes = seen;
      lastAnswer = clock.instant();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  @Override
  public Health health() {
    Instant answered = lastAnswer;
    if (answered != null && answered.plus(staleAfter).isAfter(clock.instant())) {
      return Health.up().withDetail("brokers", nodes).withDetail("checkedAt", answered).build();
    }
    return Health.down()
        .withDetail("lastAnswer", answered == null ? "never" : answered.toString())
        .withDetail("error", lastError)
        .build();
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    admin.close(Duration.ofSeconds(1));
  }
}
