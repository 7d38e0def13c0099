package io.backstop.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.events.Topics;
import io.backstop.events.access.ServicePrincipal;
import io.backstop.localkafka.StackHome;
import io.backstop.scenario.ScenarioLoader;
import io.backstop.stack.scenario.ScenarioResult;
import io.backstop.stack.scenario.ScenarioRunner;
import io.backstop.stream.KafkaClientConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline on a broker that authenticates every client: each of the five services runs as
 * its own principal (SASL/SCRAM, a fresh password each start, handed over in its properties) under
 * the ACLs made from {@link ServicePrincipal}, and still takes a bad deploy to its expected
 * outcome. On the same running stack, another service's credential cannot write an approval to the
 * actions topic: the broker refuses it.
 */
class AuthenticatedStackIntegrationTest {

  @Test
  void everyServiceRunsAsItsOwnPrincipalAndOnlyTheGuardrailCanWriteActions() throws Exception {
    StackOptions options =
        new StackOptions(
                new StackHome(Path.of("target", "auth-stack-" + System.nanoTime())),
                TestPorts.freeBase(),
                ScenarioLoader.loadResource("bad-deploy-hallucinated-sha.yaml"),
                false,
                StackOptions.Prometheus.OFF,
                StackOptions.testTiming())
            .withAuthenticatedBroker();

    try (LocalStack stack = LocalStack.start(options, line -> {})) {
      ScenarioResult result = new ScenarioRunner(stack, ScenarioRunner.RunOptions.forTests()).run();

      assertThat(result.failures()).as("the scenario on an authenticated broker").isEmpty();
      assertThat(result.passed()).isTrue();
      for (ServicePrincipal other :
          new ServicePrincipal[] {
            ServicePrincipal.TRIAGE,
            ServicePrincipal.DIAGNOSIS,
            ServicePrincipal.EXECUTOR,
            ServicePrincipal.ESCALATION
          }) {
        assertThatThrownBy(() -> send(stack.kafkaClient(other), Topics.ACTIONS))
            .as(other + " writing " + Topics.ACTIONS)
            .hasRootCauseInstanceOf(TopicAuthorizationException.class);
      }
    }
  }

  private static void send(KafkaClientConfig client, String topic) throws Exception {
    Map<String, Object> config = new HashMap<>(client.properties());
    config.put("max.block.ms", 5_000);
    config.put("delivery.timeout.ms", 8_000);
    config.put("request.timeout.ms", 4_000);
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      try {
        producer.send(new ProducerRecord<>(topic, "k", "forged")).get(10, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        throw new IllegalStateException("send to " + topic + " failed", e.getCause());
      }
    }
  }
}
