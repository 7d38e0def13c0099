package io.backstop.stream.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The binder settings every service shares, added as the property source of lowest precedence so a
 * service's {@code application.yml} only names its bindings and can still override anything here.
 *
 * <ul>
 *   <li>Transactional binder: the transaction id prefix is the application name plus a random
 *       suffix per instance (exactly-once fencing comes from the consumer group, not the id).
 *   <li>Producers: {@code acks=all}, idempotent. Consumers: {@code isolation.level=read_committed}.
 *   <li>Health: {@code /actuator/health/liveness} is the application alone, {@code
 *       /actuator/health/readiness} adds the broker as last observed ({@code BrokerHealth}); both,
 *       and {@code /actuator/health}, answer at once while the broker is down.
 *   <li>Retries: three attempts with a short back-off; unreadable records are not retried and go to
 *       {@code <topic>.dlq} (see {@code io.backstop.stream.deadletter}). The binder's own DLQ stays
 *       off: it would provision {@code error.<topic>.<group>} topics beside ours.
 * </ul>
 */
public final class StreamDefaults implements EnvironmentPostProcessor {

  public static final String SOURCE_NAME = "backstopStreamDefaults";
  private static final String BINDER = "spring.cloud.stream.kafka.binder.";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication app) {
    if (env.getPropertySources().contains(SOURCE_NAME)) {
      return;
    }
    String name = env.getProperty("spring.application.name", "backstop");
    Map<String, Object> defaults = defaults(name);
    defaults.putAll(
        sasl(
            env.getProperty("backstop.kafka.sasl.username"),
            env.getProperty("backstop.kafka.sasl.password"),
            env.getProperty("backstop.kafka.sasl.mechanism", "SCRAM-SHA-512")));
    env.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
  }

  static Map<String, Object> defaults(String applicationName) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(BINDER + "brokers", "${spring.kafka.bootstrap-servers:localhost:9092}");
    p.put(BINDER + "transaction.transaction-id-prefix", transactionIdPrefix(applicationName));
    p.put(BINDER + "transaction.producer.configuration.acks", "all");
    p.put(BINDER + "transaction.producer.configuration.enable.idempotence", "true");
    p.put(BINDER + "required-acks", "all");
    p.put(BINDER + "consumer-properties.isolation.level", "read_committed");
    p.put(BINDER + "auto-add-partitions", "false");
    p.put("spring.cloud.stream.kafka.default.consumer.enable-dlq", "false");
    p.put("spring.cloud.stream.default.consumer.max-attempts", "3");
    p.put("spring.cloud.stream.default.consumer.back-off-initial-interval", "100");
    p.put("spring.cloud.stream.default.consumer.back-off-max-interval", "1000");
    p.put("spring.kafka.consumer.isolation-level", "read_committed");
    p.put("spring.kafka.producer.acks", "all");
    // Health answers at once whatever the broker does: the binder's indicator (which waits on the
    // broker) is off; liveness is the application alone, readiness adds the broker as last seen.
    p.put("management.health.binders.enabled", "false");
    p.put("management.endpoint.health.probes.enabled", "true");
    p.put("management.endpoint.health.group.liveness.include", "livenessState");
    p.put("management.endpoint.health.group.readiness.include", "readinessState,kafkaBroker");
    return p;
  }

  /**
   * With {@code backstop.kafka.sasl.username} and {@code .password} set (env {@code
   * BACKSTOP_KAFKA_SASL_USERNAME}, {@code BACKSTOP_KAFKA_SASL_PASSWORD}, from a Secret), every
   * client of the service (the binder's and the plain ones) authenticates with SASL/SCRAM ({@code
   * backstop.kafka.sasl.mechanism}, default SCRAM-SHA-512) as that user, and the service leaves
   * topic creation to whoever owns the broker (its principal may not create topics).
   */
  static Map<String, Object> sasl(String username, String password, String mechanism) {
    Map<String, Object> p = new LinkedHashMap<>();
    if (username == null || username.isBlank()) {
      return p;
    }
    if (password == null || password.isBlank()) {
      throw new IllegalStateException(
          "backstop.kafka.sasl.username is set but backstop.kafka.sasl.password is not");
    }
    String jaas =
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + username
            + "\" password=\""
            + password
            + "\";";
    for (String prefix : List.of("spring.kafka.properties.", BINDER + "configuration.")) {
      p.put(prefix + "security.protocol", "SASL_PLAINTEXT");
      p.put(prefix + "sasl.mechanism", mechanism);
      p.put(prefix + "sasl.jaas.config", jaas);
    }
    p.put("backstop.stream.provision-topics", "false");
    return p;
  }

  static String transactionIdPrefix(String applicationName) {
    return applicationName + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
  }
}
