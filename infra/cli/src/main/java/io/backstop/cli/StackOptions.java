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

  /**
   * How to read the broker: the stack of this data directory, when its broker authenticates, is
   * read as its administrator (the password file the stack keeps, owner-only); otherwise, and for
   * another broker ({@code --bootstrap-server}), without authentication.
   */
  public io.backstop.stream.KafkaClientConfig kafkaClient() {
    java.nio.file.Path password =
        io.backstop.localkafka.BrokerCredentials.adminPasswordFile(home());
    if (bootstrapServer == null
        && java.nio.file.Files.isRegularFile(password)
        && authenticatedBroker(home().kafka().resolve("server.properties"))) {
      return io.backstop.stream.KafkaClientConfig.scram(
          bootstrapServers(),
          io.backstop.localkafka.BrokerCredentials.ADMIN,
          io.backstop.localkafka.BrokerCredentials.adminPassword(home()));
    }
    return io.backstop.stream.KafkaClientConfig.plaintext(bootstrapServers());
  }

  /** Whether the broker of this data directory was last started with authentication. */
  private static boolean authenticatedBroker(java.nio.file.Path serverProperties) {
    try {
      return java.nio.file.Files.readString(serverProperties).contains("SASL_PLAINTEXT");
    } catch (java.io.IOException e) {
      return false;
    }
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
