package io.backstop.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml, as Compose reads it (anchors and merge keys resolved): every image pinned,
 * the five services from their Jib images on read-only root filesystems, Kafka reachable from
 * containers and from the host, Kafka UI the maintained kafbat image, read-only and behind a login,
 * Prometheus scraping every service's /actuator/prometheus, traces to the collector. No Docker
 * engine runs here: this checks the file, not a running stack.
 */
class ComposeFileTest {

  static final Path ROOT = Chart.dir().resolve("../..").normalize();
  static final Map<String, Integer> SERVICES =
      Map.of(
          "triage-service", 8081,
          "diagnosis-service", 8082,
          "guardrail-service", 8083,
          "executor-service", 8084,
          "escalation-service", 8085);
  static final Map<String, Object> COMPOSE = yaml(ROOT.resolve("docker-compose.yml"));

  @Test
  void everyImageIsPinnedToAVersion() {
    for (var e : services().entrySet()) {
      String image = (String) e.getValue().get("image");
      assertThat(image).as(e.getKey()).matches("[^:]+:[vV]?[0-9][^:]*").doesNotEndWith(":latest");
    }
  }

  @Test
  void theServicesRunTheirJibImagesOnAReadOnlyRootFilesystemWithoutAHandFetchedAgent() {
    for (var s : SERVICES.entrySet()) {
      Map<String, Object> service = services().get(s.getKey());
      assertThat(service.get("image")).isEqualTo("backstop/" + s.getKey() + ":0.1.0-SNAPSHOT");
      assertThat(service.get("read_only")).as(s.getKey()).isEqualTo(true);
      assertThat(String.valueOf(service.get("tmpfs"))).contains("/tmp");
      assertThat(service).as(s.getKey()).doesNotContainKeys("command", "volumes", "build");
      assertThat(String.valueOf(service.get("ports")))
          .contains("127.0.0.1:" + s.getValue() + ":" + s.getValue());
      Map<String, Object> env = env(s.getKey());
      assertThat(env).containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:29092");
      assertThat(env).containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4317");
    }
  }

  @Test
  void onlyTheExecutorGetsTheWriteTokenAndOnlyTriageAndTheExecutorTalkToTheCluster() {
    for (String s : SERVICES.keySet()) {
      Set<String> keys = env(s).keySet();
      assertThat(keys.contains("BACKSTOP_EXECUTOR_K8S_TOKEN"))
          .as(s)
          .isEqualTo(s.equals("executor-service"));
      boolean cluster = keys.stream().anyMatch(k -> k.contains("K8S") || k.contains("KUBERNETES"));
      assertThat(cluster)
          .as(s)
          .isEqualTo(s.equals("triage-service") || s.equals("executor-service"));
    }
  }

  @Test
  void kafkaAdvertisesOneListenerForContainersAndOneForTheHost() {
    Map<String, Object> env = env("kafka");
    String advertised = (String) env.get("KAFKA_ADVERTISED_LISTENERS");
    assertThat(advertised).contains("//kafka:29092").contains("//localhost:9092");
    assertThat((String) env.get("KAFKA_LISTENERS")).contains(":29092").contains(":9092");
    assertThat(String.valueOf(services().get("kafka").get("ports")))
        .contains("127.0.0.1:9092:9092");
    assertThat(env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE")).isEqualTo("false");
  }

  @Test
  void kafkaUiIsTheMaintainedImageReadOnlyAndBehindALogin() {
    Map<String, Object> ui = services().get("kafka-ui");
    assertThat((String) ui.get("image")).startsWith("ghcr.io/kafbat/kafka-ui:v");
    Map<String, Object> env = env("kafka-ui");
    assertThat(env).containsEntry("KAFKA_CLUSTERS_0_READONLY", "true");
    assertThat(env).containsEntry("DYNAMIC_CONFIG_ENABLED", "false");
    assertThat(env).containsEntry("AUTH_TYPE", "LOGIN_FORM");
    assertThat((String) env.get("SPRING_SECURITY_USER_PASSWORD"))
        .as("the password comes from the environment and is required")
        .startsWith("${")
        .contains(":?");
    assertThat(env).containsEntry("KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS", "kafka:29092");
  }

  @Test
  void prometheusScrapesEveryServicesActuatorEndpoint() {
    Map<String, Object> prometheus = yaml(ROOT.resolve("infra/compose/prometheus.yml"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> jobs = (List<Map<String, Object>>) prometheus.get("scrape_configs");
    Map<String, Object> job =
        jobs.stream()
            .filter(j -> "backstop-services".equals(j.get("job_name")))
            .findFirst()
            .orElseThrow();
    assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
    assertThat(String.valueOf(job.get("static_configs")))
        .contains(SERVICES.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).toList());
    for (String mounted :
        List.of(
            "./infra/compose/prometheus.yml",
            "./infra/local-prometheus/config/rules",
            "./charts/backstop/files/backstop-self-alerts.yml")) {
      assertThat(ROOT.resolve(mounted)).exists();
    }
  }

  @Test
  void theCollectorReceivesOtlpOnThePortTheServicesExportTo() {
    Map<String, Object> collector = yaml(ROOT.resolve("infra/otel/collector.yaml"));
    assertThat(String.valueOf(collector.get("receivers"))).contains("0.0.0.0:4317");
    assertThat(String.valueOf(collector.get("service"))).contains("traces");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> services() {
    return (Map<String, Map<String, Object>>) COMPOSE.get("services");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> env(String service) {
    return (Map<String, Object>) services().get(service).get("environment");
  }

  static Map<String, Object> yaml(Path file) {
    try {
      return new Yaml().load(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }
}
