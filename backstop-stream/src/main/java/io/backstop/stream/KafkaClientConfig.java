package io.backstop.stream;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How a plain Kafka client of a service (an audit reader, a ledger, a health check) reaches the
 * broker: the bootstrap servers and the same security settings the binder uses ({@code
 * security.protocol}, {@code sasl.*}, {@code ssl.*}), so every client of a service authenticates as
 * that service's principal. {@link #toString()} never shows a secret.
 */
public final class KafkaClientConfig {

  private final String bootstrapServers;
  private final Map<String, Object> security;

  private KafkaClientConfig(String bootstrapServers, Map<String, Object> security) {
    this.bootstrapServers = bootstrapServers;
    this.security = Map.copyOf(security);
  }

  /** A broker without authentication (tests' embedded broker). */
  public static KafkaClientConfig plaintext(String bootstrapServers) {
    return new KafkaClientConfig(bootstrapServers, Map.of());
  }

  /** The security entries of {@code clientProperties} (anything else is left out). */
  public static KafkaClientConfig of(String bootstrapServers, Map<String, ?> clientProperties) {
    Map<String, Object> security = new HashMap<>();
    clientProperties.forEach(
        (k, v) -> {
          if (v != null && isSecurity(k)) {
            security.put(k, v);
          }
        });
    return new KafkaClientConfig(bootstrapServers, security);
  }

  /** SASL/SCRAM over plaintext, as the local stack's broker expects. */
  public static KafkaClientConfig scram(String bootstrapServers, String user, String password) {
    return new KafkaClientConfig(
        bootstrapServers,
        Map.of(
            CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
            "SASL_PLAINTEXT",
            "sasl.mechanism",
            "SCRAM-SHA-512",
            "sasl.jaas.config",
            jaas(user, password)));
  }

  /** The JAAS line of a SCRAM login (contains the password: handle as a secret). */
  public static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  private static boolean isSecurity(String key) {
    return key.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)
        || key.startsWith("sasl.")
        || key.startsWith("ssl.");
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Bootstrap and security settings, to which a client adds its own. */
  public Map<String, Object> properties() {
    Map<String, Object> p = new HashMap<>(security);
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return p;
  }

  /** The security settings alone. */
  public Map<String, Object> security() {
    return security;
  }

  @Override
  public String toString() {
    return "KafkaClientConfig[" + bootstrapServers + ", " + new TreeMap<>(security).keySet() + "]";
  }
}
