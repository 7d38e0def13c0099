package io.backstop.localkafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;

/**
 * Starts a real Apache Kafka broker for the local stack, in this JVM, from the {@code kafka_2.13}
 * jars: one KRaft node as broker and controller on 127.0.0.1, data under {@code <home>/kafka/data}.
 * {@link #start()} formats the storage (first run only), checks the port is free (a taken port is a
 * {@link PortInUseException} at once), starts the server, waits until an Admin client sees it, and
 * creates every topic of {@code Topics.all()} with its settings. {@link #authenticated()} makes a
 * broker that every client must authenticate to (SASL/SCRAM) and whose standard authorizer allows
 * only what {@link BrokerAcls} lists: each service its own principal, its inputs and its own
 * topics.
 *
 * <pre>{@code
 * try (LocalKafkaBroker broker = new LocalKafka(StackHome.resolve(null, System.getenv()), 9092).start()) {
 *   String bootstrap = broker.bootstrapServers(); // 127.0.0.1:9092
 * }
 * }</pre>
 */
public final class LocalKafka {

  public static final int DEFAULT_PORT = 9092;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final StackHome home;
  private final int port;
  private final boolean authenticated;

  /** A broker on {@code port}; port 0 means any free port (the broker says which it took). */
  public LocalKafka(StackHome home, int port) {
    this(home, port, false);
  }

  private LocalKafka(StackHome home, int port, boolean authenticated) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, but was " + port);
    }
    this.home = home;
    this.port = port == 0 ? Ports.anyFree() : port;
    this.authenticated = authenticated;
  }

  /**
   * The same broker with SASL/SCRAM on every listener, the standard authorizer, one user per
   * service (fresh passwords each start) and the ACLs of {@link BrokerAcls}.
   */
  public LocalKafka authenticated() {
    return new LocalKafka(home, port, true);
  }

  public LocalKafkaBroker start() {
    return start(authenticated ? BrokerCredentials.forHome(home) : null);
  }

  /**
   * Starts a stopped broker again on its data directory and port, with the same identities: every
   * client still holds a valid password, as with a broker restarted in production (the chaos
   * suite's broker fault). Topics, users and ACLs are set up again as at any start.
   */
  public static LocalKafkaBroker restart(LocalKafkaBroker stopped) {
    if (!stopped.isStopped()) {
      throw new IllegalStateException(
          "the broker at " + stopped.bootstrapServers() + " is running");
    }
    return new LocalKafka(stopped.home(), stopped.port(), stopped.authenticated())
        .start(stopped.credentials());
  }

  private LocalKafkaBroker start(BrokerCredentials credentials) {
    Ports.requireFree(port);
    BrokerConfig config =
        new BrokerConfig(
            home.kafka().resolve("data"),
            port,
            controllerPort(),
            credentials == null ? null : credentials.adminPassword());
    BrokerLock.acquire(home, config.bootstrapServers());
    try {
      StorageFormat.format(home.kafka(), config);
      KafkaRaftServer server =
          new KafkaRaftServer(KafkaConfig.fromProps(config.properties(), false), Time.SYSTEM);
      LocalKafkaBroker broker = new LocalKafkaBroker(server, home, config, credentials);
      try {
        server.startup();
        awaitReadyAndSetUp(config.bootstrapServers(), credentials);
      } catch (RuntimeException e) {
        broker.close();
        throw e;
      }
      return broker;
    } catch (RuntimeException e) {
      BrokerLock.release(home);
      if (e instanceof BrokerStartException || e instanceof PortInUseException) {
        throw e;
      }
      throw new BrokerStartException("the broker did not start: " + e.getMessage(), e);
    }
  }

  /**
   * The controller listener's port: kept in the data dir, replaced when something else holds it.
   */
  private int controllerPort() {
    Path file = home.kafka().resolve("controller.port");
    try {
      if (Files.exists(file)) {
        int kept = Integer.parseInt(Files.readString(file).trim());
        if (kept != port && Ports.isFree(kept)) {
          return kept;
        }
      }
      int fresh = Ports.anyFree();
      Files.createDirectories(home.kafka());
      Files.writeString(file, String.valueOf(fresh));
      return fresh;
    } catch (java.io.IOException | NumberFormatException e) {
      throw new BrokerStartException("cannot choose a controller port under " + home.kafka(), e);
    }
  }

  /**
   * Waits for the broker and creates the topics; on an authenticated broker also gives each service
   * its user (a fresh password every start) and the ACLs of {@link BrokerAcls}, all as the admin.
   */
  private static void awaitReadyAndSetUp(String bootstrap, BrokerCredentials credentials) {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    Map<String, Object> config = new java.util.HashMap<>();
    if (credentials != null) {
      config.putAll(BrokerCredentials.scram(BrokerCredentials.ADMIN, credentials.adminPassword()));
    }
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    try (Admin admin = Admin.create(config)) {
      while (true) {
        try {
          if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
            break;
          }
        } catch (Exception e) {
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted waiting for the broker", e);
          }
        }
        if (Instant.now().isAfter(deadline)) {
          throw new BrokerStartException(
              "the broker at " + bootstrap + " was not ready within " + READY_TIMEOUT);
        }
        sleep(Duration.ofMillis(200));
      }
      TopicSetup.createAll(admin, Duration.ofSeconds(30));
      if (credentials != null) {
        TopicSetup.usersAndAcls(admin, credentials, Duration.ofSeconds(30));
        TopicSetup.awaitAclsVisible(admin, Duration.ofSeconds(30));
        TopicSetup.awaitLogins(bootstrap, credentials, Duration.ofSeconds(30));
      }
    }
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerStartException("interrupted waiting for the broker", e);
    }
  }
}
