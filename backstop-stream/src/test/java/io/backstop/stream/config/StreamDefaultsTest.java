package io.backstop.stream.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class StreamDefaultsTest {

  private static final String PREFIX =
      "spring.cloud.stream.kafka.binder.transaction.transaction-id-prefix";

  @Test
  void everyInstanceGetsItsOwnTransactionIdPrefixNamedForTheApplication() {
    String first =
        process(Map.of("spring.application.name", "guardrail-service")).getProperty(PREFIX);
    String second =
        process(Map.of("spring.application.name", "guardrail-service")).getProperty(PREFIX);

    assertThat(first).startsWith("guardrail-service-").endsWith("-");
    assertThat(second).startsWith("guardrail-service-").isNotEqualTo(first);
  }

  @Test
  void consumersReadOnlyCommittedRecordsAndProducersWaitForAllReplicas() {
    var env = process(Map.of());

    assertThat(
            env.getProperty("spring.cloud.stream.kafka.binder.consumer-properties.isolation.level"))
        .isEqualTo("read_committed");
    assertThat(
            env.getProperty(
                "spring.cloud.stream.kafka.binder.transaction.producer.configuration.acks"))
        .isEqualTo("all");
    assertThat(env.getProperty("spring.cloud.stream.default.consumer.max-attempts")).isEqualTo("3");
  }

  @Test
  void aServicesOwnConfigurationWinsOverTheDefaults() {
    var env =
        process(
            Map.of(
                "spring.cloud.stream.default.consumer.max-attempts", "5",
                "spring.kafka.bootstrap-servers", "broker:9093"));

    assertThat(env.getProperty("spring.cloud.stream.default.consumer.max-attempts")).isEqualTo("5");
    assertThat(env.getProperty("spring.cloud.stream.kafka.binder.brokers"))
        .isEqualTo("broker:9093");
  }

  private static StandardEnvironment process(Map<String, Object> own) {
    var env = new StandardEnvironment();
    env.getPropertySources().addFirst(new MapPropertySource("service", own));
    new StreamDefaults().postProcessEnvironment(env, new SpringApplication());
    return env;
  }
}
