package io.backstop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.id.IncidentId;
import io.backstop.localkafka.LocalKafka;
import io.backstop.localkafka.LocalKafkaBroker;
import io.backstop.localkafka.StackHome;
import io.backstop.triage.incident.IncidentRecord;
import io.backstop.triage.incident.IncidentStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storm's check reads triage's group state back from a real broker's compacted topic. */
class IncidentStatesIntegrationTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path home;

  @Test
  void readsTheLatestStatePerGroupSkippingGatheringsAndDeletedGroups() throws Exception {
    LocalKafkaBroker broker = new LocalKafka(new StackHome(home), freePort()).start();
    try (var producer =
        new KafkaProducer<byte[], byte[]>(
            Map.of("bootstrap.servers", broker.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      send(producer, "group-a", state("group-a", 1));
      send(producer, "group-a", state("group-a", 3));
      send(producer, "gather/group-a", "{\"not\":\"a group\"}".getBytes(StandardCharsets.UTF_8));
      send(producer, "group-b", state("group-b", 1));
      send(producer, "group-b", null);
      producer.flush();

      Map<String, IncidentRecord> states = IncidentStates.read(broker.bootstrapServers());

      assertThat(states).containsOnlyKeys("group-a");
      assertThat(states.get("group-a").deliveries()).isEqualTo(3);
      assertThat(states.get("group-a").firing()).containsExactly("fp-1");
    } finally {
      broker.close();
    }
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, String key, byte[] value)
      throws Exception {
    producer
        .send(
            new ProducerRecord<>(
                Topics.TRIAGE_INCIDENTS, key.getBytes(StandardCharsets.UTF_8), value))
        .get();
  }

  private static byte[] state(String group, long deliveries) {
    return EventCodec.mapper()
        .writeValueAsBytes(
            new IncidentRecord(
                group,
                IncidentId.of("inc-" + group),
                IncidentStatus.OPEN,
                NOW,
                NOW,
                null,
                deliveries,
                Set.of("fp-1")));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
