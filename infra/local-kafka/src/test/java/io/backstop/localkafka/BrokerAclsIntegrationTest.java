package io.backstop.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.events.Topics;
import io.backstop.events.access.ServicePrincipal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack's broker enforces who may do what: every client authenticates (SASL/SCRAM), and
 * the ACLs made from {@link ServicePrincipal} let only the guardrail write the actions topic; the
 * broker itself refuses anyone else, whatever the client does.
 */
class BrokerAclsIntegrationTest {

  @TempDir static Path home;
  static LocalKafkaBroker broker;

  @BeforeAll
  static void start() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    broker = new LocalKafka(new StackHome(home), port).authenticated().start();
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void theBrokerRefusesEveryOtherServicesWriteToTheActionsTopic() {
    for (ServicePrincipal other : ServicePrincipal.values()) {
      if (other == ServicePrincipal.GUARDRAIL) {
        continue;
      }
      assertThatThrownBy(() -> send(broker.clientProperties(other), Topics.ACTIONS))
          .as(other + " writing " + Topics.ACTIONS)
          .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void theGuardrailMayWriteTheActionsTopicAndTheExecutorMayReadIt() throws Exception {
    send(broker.clientProperties(ServicePrincipal.GUARDRAIL), Topics.ACTIONS);

    assertThat(read(broker.clientProperties(ServicePrincipal.EXECUTOR), Topics.ACTIONS)).isTrue();
  }

  @Test
  void noServiceButTheExecutorMayReadTheActionsTopic() {
    for (ServicePrincipal other : ServicePrincipal.values()) {
      if (other == ServicePrincipal.EXECUTOR) {
        continue;
      }
      assertThatThrownBy(() -> read(broker.clientProperties(other), Topics.ACTIONS))
          .as(other + " reading " + Topics.ACTIONS)
          .isInstanceOf(TopicAuthorizationException.class);
    }
  }

  /** A record a hop dead-letters pages a person: escalation-service follows every .dlq twin. */
  @Test
  void escalationMayReadEveryDeadLetterTopicAndNoOtherServiceMay() {
    for (String dlq : ServicePrincipal.followedDeadLetters()) {
      assertThat(read(broker.clientProperties(ServicePrincipal.ESCALATION), dlq)).as(dlq).isTrue();
    }
    String signals = Topics.deadLetter(Topics.SIGNALS);
    for (ServicePrincipal other : ServicePrincipal.values()) {
      if (other == ServicePrincipal.ESCALATION) {
        continue;
      }
      assertThatThrownBy(() -> read(broker.clientProperties(other), signals))
          .as(other + " reading " + signals)
          .isInstanceOf(TopicAuthorizationException.class);
    }
  }

  /**
   * The chaos suite stops the broker mid-incident and starts it again: every service still holds
   * the password it was given, so the restarted broker must know the same identities and ACLs.
   */
  @Test
  void aRestartedBrokerKeepsEveryIdentityAndAcl() throws Exception {
    Map<String, Object> guardrail = broker.clientProperties(ServicePrincipal.GUARDRAIL);
    Map<String, Object> executor = broker.clientProperties(ServicePrincipal.EXECUTOR);
    broker.close();

    broker = LocalKafka.restart(broker);

    send(guardrail, Topics.ACTIONS);
    assertThat(read(executor, Topics.ACTIONS)).isTrue();
    assertThatThrownBy(() -> send(executor, Topics.ACTIONS))
        .hasRootCauseInstanceOf(TopicAuthorizationException.class);
  }

  @Test
  void aClientWithoutValidCredentialsIsRefusedAtTheDoor() {
    Map<String, Object> wrong = new HashMap<>(broker.clientProperties(ServicePrincipal.GUARDRAIL));
    wrong.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"guardrail-service\" password=\"guessed\";");

    assertThatThrownBy(() -> send(wrong, Topics.ACTIONS))
        .hasRootCauseInstanceOf(SaslAuthenticationException.class);
  }

  @Test
  void theAdminPasswordAndTheBrokerConfigAreOwnerOnlyFiles() throws Exception {
    Path password = BrokerCredentials.adminPasswordFile(new StackHome(home));
    Path properties = new StackHome(home).kafka().resolve("server.properties");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(password)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(properties)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(password.getParent())))
        .isEqualTo("rwx------");
  }

  private static void send(Map<String, Object> security, String topic) throws Exception {
    Map<String, Object> config = new HashMap<>(security);
    config.put("bootstrap.servers", broker.bootstrapServers());
    config.put("max.block.ms", 10_000);
    config.put("delivery.timeout.ms", 10_000);
    config.put("request.timeout.ms", 5_000);
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      try {
        producer.send(new ProducerRecord<>(topic, "k", "v")).get(15, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        throw new IllegalStateException("send to " + topic + " failed", e.getCause());
      }
    }
  }

  private static boolean read(Map<String, Object> security, String topic) {
    Map<String, Object> config = new HashMap<>(security);
    config.put("bootstrap.servers", broker.bootstrapServers());
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      var partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      consumer.poll(Duration.ofSeconds(2));
      return true;
    }
  }
}
