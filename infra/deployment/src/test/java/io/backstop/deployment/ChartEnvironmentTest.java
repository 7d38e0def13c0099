package io.backstop.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.stream.config.StreamDefaults;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The environment the chart gives each service is one the service reads: every variable is consumed
 * (a placeholder of the service's application.yml, or a property Spring binds it to), and bound as
 * Spring Boot binds a pod's environment, every Kafka client of the service (Spring Kafka's and the
 * binder's) speaks SASL_SSL as the service's own principal.
 */
class ChartEnvironmentTest {

  static final List<HasMetadata> OBJECTS = Chart.render("external-kafka.yaml");
  static final Path ROOT = Chart.dir().resolve("../..").normalize();

  /**
   * Variables read by relaxed binding or by a library rather than by an application.yml
   * placeholder.
   */
  static final Map<String, String> BOUND_ELSEWHERE =
      Map.of(
          "BACKSTOP_KAFKA_SASL_USERNAME",
              "backstop.kafka.sasl.username (backstop-stream StreamDefaults)",
          "BACKSTOP_KAFKA_SASL_PASSWORD",
              "backstop.kafka.sasl.password (backstop-stream StreamDefaults)",
          "BACKSTOP_KAFKA_SASL_MECHANISM",
              "backstop.kafka.sasl.mechanism (backstop-stream StreamDefaults)",
          "BACKSTOP_STREAM_PROVISION_TOPICS", "backstop.stream.provision-topics (backstop-stream)",
          "BACKSTOP_TRIAGE_PROMETHEUS_URL", "backstop.triage.prometheus.url (TriageProperties)",
          "SPRING_CONFIG_ADDITIONAL_LOCATION", "Spring Boot's config location");

  @Test
  void everyVariableTheChartSetsIsReadByItsService() throws IOException {
    for (Deployment d : Chart.all(OBJECTS, Deployment.class)) {
      String service = ChartRenderTest.component(d) + "-service";
      String yml =
          Files.readString(ROOT.resolve(service).resolve("src/main/resources/application.yml"));
      for (EnvVar e : ChartRenderTest.container(d).getEnv()) {
        String name = e.getName();
        boolean read =
            yml.contains(name)
                || BOUND_ELSEWHERE.containsKey(name)
                || name.startsWith("OTEL_")
                || name.startsWith("SPRING_KAFKA_")
                || name.startsWith("SPRING_CLOUD_STREAM_KAFKA_BINDER_");
        assertThat(read).as("%s sets %s, which nothing reads", service, name).isTrue();
      }
    }
  }

  @Test
  void boundAsSpringBindsAPodsEnvironmentEveryKafkaClientUsesSaslSslAsTheServicesPrincipal() {
    for (Deployment d : Chart.all(OBJECTS, Deployment.class)) {
      String service = ChartRenderTest.component(d) + "-service";
      StandardEnvironment env = new StandardEnvironment();
      env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
      env.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
      env.getPropertySources()
          .addFirst(
              new SystemEnvironmentPropertySource(
                  StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, podEnv(d)));
      new StreamDefaults().postProcessEnvironment(env, null);
      Binder binder = Binder.get(env);

      Map<String, String> kafka =
          binder.bind("spring.kafka.properties", Bindable.mapOf(String.class, String.class)).get();
      Map<String, String> binderClients =
          binder
              .bind(
                  "spring.cloud.stream.kafka.binder.configuration",
                  Bindable.mapOf(String.class, String.class))
              .get();
      for (Map<String, String> clients : List.of(kafka, binderClients)) {
        assertThat(clients).as(service).containsEntry("security.protocol", "SASL_SSL");
        assertThat(clients).as(service).containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(clients.get("sasl.jaas.config"))
            .as(service)
            .contains("ScramLoginModule")
            .contains("username=\"" + service + "\"")
            .contains(
                "password=\"<from Secret backstop-kafka-" + ChartRenderTest.component(d) + ">\"");
      }
      System.out.println(
          "DEBUG "
              + kafka
              + " / "
              + env.getProperty("spring.kafka.properties.ssl.truststore.location")
              + " / "
              + binder
                  .bind("spring.kafka.properties.ssl", Bindable.mapOf(String.class, String.class))
                  .orElse(null));
      assertThat(kafka).containsEntry("ssl.truststore.location", "/etc/backstop/kafka-ca/ca.crt");
      assertThat(env.getProperty("spring.kafka.bootstrap-servers"))
          .isEqualTo("kafka-0.kafka.example.net:9093,kafka-1.kafka.example.net:9093");
      assertThat(env.getProperty("backstop.stream.provision-topics"))
          .as("with SASL a service never creates topics")
          .isEqualTo("false");
    }
  }

  /** The pod's environment: a value, or a stand-in naming the Secret it comes from. */
  private static Map<String, Object> podEnv(Deployment d) {
    Map<String, Object> env = new LinkedHashMap<>();
    for (EnvVar e : ChartRenderTest.container(d).getEnv()) {
      env.put(
          e.getName(),
          e.getValue() != null
              ? e.getValue()
              : "<from Secret " + e.getValueFrom().getSecretKeyRef().getName() + ">");
    }
    return env;
  }
}
