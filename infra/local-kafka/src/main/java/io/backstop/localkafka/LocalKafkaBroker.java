package io.backstop.localkafka;

import io.backstop.events.access.ServicePrincipal;
import java.nio.file.Path;
import java.util.Map;
import kafka.server.KafkaRaftServer;

/**
 * A running local broker. {@link #close()} stops it cleanly (controlled shutdown, logs flushed),
 * frees its ports and removes the pid file; closing twice is harmless.
 */
public final class LocalKafkaBroker implements AutoCloseable {

  private final KafkaRaftServer server;
  private final StackHome home;
  private final BrokerConfig config;
  private final BrokerCredentials credentials;
  private boolean stopped;

  LocalKafkaBroker(
      KafkaRaftServer server, StackHome home, BrokerConfig config, BrokerCredentials credentials) {
    this.server = server;
    this.home = home;
    this.config = config;
    this.credentials = credentials;
  }

  /**
   * Client security settings of the stack's administrator (topics, users, ACLs, the stack's own
   * tools). Holds a password: handle as a secret.
   */
  public Map<String, Object> adminClientProperties() {
    return credentials == null
        ? Map.of()
        : BrokerCredentials.scram(BrokerCredentials.ADMIN, credentials.adminPassword());
  }

  /** Client security settings of one service's principal. Holds a password. */
  public Map<String, Object> clientProperties(ServicePrincipal principal) {
    return credentials == null
        ? Map.of()
        : BrokerCredentials.scram(principal.user(), credentials.password(principal));
  }

  /** Whether {@link #close()} has stopped this broker. */
  public synchronized boolean isStopped() {
    return stopped;
  }

  BrokerCredentials credentials() {
    return credentials;
  }

  /** Whether clients must authenticate to this broker. */
  public boolean authenticated() {
    return credentials != null;
  }

  /** The SASL password of one service (handed to it, never logged). */
  public String password(ServicePrincipal principal) {
    if (credentials == null) {
      throw new IllegalStateException("this broker does not authenticate its clients");
    }
    return credentials.password(principal);
  }

  /** Where clients connect: {@code 127.0.0.1:<port>}. */
  public String bootstrapServers() {
    return config.bootstrapServers();
  }

  public int port() {
    return config.port();
  }

  /** The broker's log (data) directory. */
  public Path dataDir() {
    return config.logDir();
  }

  public StackHome home() {
    return home;
  }

  @Override
  public synchronized void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      BrokerLock.release(home);
    }
  }
}
