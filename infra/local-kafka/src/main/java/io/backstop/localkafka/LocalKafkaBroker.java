package io.backstop.localkafka;

import java.nio.file.Path;
import kafka.server.KafkaRaftServer;

/**
 * A running local broker. {@link #close()} stops it cleanly (controlled shutdown, logs flushed),
 * frees its ports and removes the pid file; closing twice is harmless.
 */
public final class LocalKafkaBroker implements AutoCloseable {

  private final KafkaRaftServer server;
  private final StackHome home;
  private final BrokerConfig config;
  private boolean stopped;

  LocalKafkaBroker(KafkaRaftServer server, StackHome home, BrokerConfig config) {
    this.server = server;
    this.home = home;
    this.config = config;
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
