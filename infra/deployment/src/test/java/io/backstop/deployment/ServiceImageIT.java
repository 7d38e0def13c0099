package io.backstop.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * What only a container engine can show about an image: diagnosis-service's image, assembled as
 * {@code jib:dockerBuild} assembles it (the JRE base {@code backstop.image.base} plus the layers,
 * user and entrypoint of the tarball this build wrote), starts on a read-only root filesystem with
 * only /tmp writable, as user 65532, with the OpenTelemetry agent loaded, against a real Kafka, and
 * answers its liveness probe. diagnosis-service because it needs nothing but Kafka to start (no
 * gateway: the offline analyzer). Runs in failsafe where a Docker engine is; skipped, saying so,
 * where none is (this project's build machines).
 */
@Testcontainers(disabledWithoutDocker = true)
class ServiceImageIT {

  private static final String SERVICE = "diagnosis-service";

  @TempDir Path context;

  @Test
  void theImageStartsAsNonRootOnAReadOnlyRootFilesystemWithTheAgent() throws Exception {
    Path tarball =
        Path.of(
            System.getProperty("backstop.images.dir"), SERVICE, "target", "jib", SERVICE + ".tar");
    assertThat(tarball).as("written by this build's package phase").isRegularFile();
    ImageTarball image = ImageTarball.read(tarball);
    ImageTarball.extract(tarball, context);
    String base = System.getProperty("backstop.image.base", "eclipse-temurin:17-jre");
    List<String> entrypoint = image.entrypoint();
    String user = image.containerConfig().get("User").asString();

    ImageFromDockerfile runnable =
        new ImageFromDockerfile("backstop-it/" + SERVICE, true)
            .withFileFromPath("app", context.resolve("app"))
            .withFileFromPath("otel", context.resolve("otel"))
            .withDockerfileFromBuilder(
                b ->
                    b.from(base)
                        .copy("app", "/app")
                        .copy("otel", "/otel")
                        .user(user)
                        .workDir("/app")
                        .entryPoint(entrypoint.toArray(String[]::new))
                        .build());

    try (Network network = Network.newNetwork();
        KafkaContainer kafka =
            new KafkaContainer(DockerImageName.parse("apache/kafka:3.9.1"))
                .withNetwork(network)
                .withListener("kafka:19092");
        GenericContainer<?> service =
            new GenericContainer<>(runnable)
                .withNetwork(network)
                .withExposedPorts(8082)
                .withEnv(
                    Map.of(
                        "SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:19092",
                        "OTEL_TRACES_EXPORTER", "none"))
                .withTmpFs(Map.of("/tmp", "rw,size=256m"))
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withReadonlyRootfs(true))
                .waitingFor(
                    Wait.forHttp("/actuator/health/liveness")
                        .forPort(8082)
                        .withStartupTimeout(Duration.ofMinutes(3)))) {
      kafka.start();
      service.start();

      assertThat(service.execInContainer("id", "-u").getStdout().strip())
          .isEqualTo(user.substring(0, user.indexOf(':')));
      assertThat(service.execInContainer("sh", "-c", "touch /app/written").getExitCode())
          .as("the root filesystem refuses a write")
          .isNotZero();
      assertThat(service.execInContainer("sh", "-c", "touch /tmp/written").getExitCode())
          .as("/tmp is the one writable mount")
          .isZero();
      assertThat(service.getLogs()).contains("opentelemetry-javaagent - version:");
      assertThat(Files.size(context.resolve("otel/opentelemetry-javaagent.jar")))
          .isGreaterThan(10L * 1024 * 1024);
    }
  }
}
