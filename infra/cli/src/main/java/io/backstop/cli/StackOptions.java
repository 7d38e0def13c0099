package io.backstop.cli;

import io.backstop.localkafka.BrokerLock;
import io.backstop.localkafka.LocalKafka;
import io.backstop.localkafka.StackHome;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that say which stack a command talks to: its data directory and its broker. */
public final class StackOptions {

  @Option(
      names = "--home",
      paramLabel = "DIR",
      description =
          "Data directory of the local stack (default: $BACKSTOP_HOME, else ./.backstop).")
  Path home;

  @Option(
      names = "--bootstrap-server",
      paramLabel = "HOST:PORT",
      description =
          "Kafka to read from (default: the broker `backstop up` runs for this data directory,"
              + " else 127.0.0.1:"
              + LocalKafka.DEFAULT_PORT
              + ").")
  String bootstrapServer;

  public StackHome home() {
    return StackHome.resolve(home, System.getenv());
  }

  public String bootstrapServers() {
    if (bootstrapServer != null) {
      return bootstrapServer;
    }
    return BrokerLock.running(home())
        .map(BrokerLock::bootstrapServers)
        .orElse("127.0.0.1:" + LocalKafka.DEFAULT_PORT);
  }
}
