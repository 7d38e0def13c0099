package io.backstop.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.events.TopicSpec;
import io.backstop.events.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaIntegrationTest {

  @TempDir Path home;

  @Test
  void startsABrokerWithEveryTopicConfiguredRoundTripsARecordAndFreesThePortWhenStopped()
      throws Exception {
    int port = freePort();
    LocalKafkaBroker broker = new LocalKafka(new StackHome(home), port).start();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
      assertThat(broker.dataDir()).startsWith(home);
      assertThat(BrokerLock.running(new StackHome(home))).isPresent();

      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
          .containsAll(Topics.all().stream().map(TopicSpec::name).toList());
      Config audit = topicConfig(admin, Topics.AUDIT);
      assertThat(audit.get("cleanup.policy").value()).isEqualTo("compact");
      assertThat(audit.get("retention.ms").value()).isEqualTo("-1");
      assertThat(topicConfig(admin, Topics.ALERTS).get("cleanup.policy").value())
          .isEqualTo("delete");
      assertThat(
              admin
                  .describeTopics(List.of(Topics.AUDIT))
                  .allTopicNames()
                  .get(30, TimeUnit.SECONDS)
                  .get(Topics.AUDIT)
                  .partitions())
          .hasSize(TopicSpec.PARTITIONS);

      assertThat(roundTrip(broker.bootstrapServers())).isEqualTo("hello from backstop");
    } finally {
      broker.close();
    }
    assertThat(Ports.isFree(port)).isTrue();
    assertThat(BrokerLock.running(new StackHome(home))).isEmpty();
  }

  @Test
  void refusesATakenPortWithAClearErrorInsteadOfHanging() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> new LocalKafka(new StackHome(home), port).start())
          .isInstanceOf(PortInUseException.class)
          .hasMessageContaining("port " + port)
          .hasMessageContaining("already in use");
    }
    assertThat(BrokerLock.running(new StackHome(home))).isEmpty();
  }

  @Test
  void refusesAPortOutsideTheValidRange() {
    assertThatThrownBy(() -> new LocalKafka(new StackHome(home), 70000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("but was 70000");
  }

  private static Config topicConfig(Admin admin, String topic) throws Exception {
    var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
  }

  private static String roundTrip(String bootstrap) throws Exception {
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of("bootstrap.servers", bootstrap, "acks", "all"),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>(Topics.ALERTS, 0, "k", "hello from backstop")).get();
    }
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                "bootstrap.servers", bootstrap, "isolation.level", "read_committed"),
            new StringDeserializer(),
            new StringDeserializer())) {
      var partition = new TopicPartition(Topics.ALERTS, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          return record.value();
        }
      }
      return null;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
