package io.backstop.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each service's image as {@code ./mvnw -Pimages package} builds it (jib:buildTar, no Docker engine
 * needed): non-root by number, the OpenTelemetry Java agent from Maven Central on its command line
 * and in a read-only layer, the service's main class and port, temp files in /tmp (the one writable
 * mount of a read-only root filesystem). Runs only in the {@code images} profile, which sets {@code
 * backstop.images.dir}.
 */
@EnabledIfSystemProperty(
    named = "backstop.images.dir",
    matches = ".+",
    disabledReason = "image tarballs are built only with -Pimages")
class ImageTarballsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "triage-service, 8081, io.backstop.triage.TriageApplication",
    "diagnosis-service, 8082, io.backstop.diagnosis.DiagnosisApplication",
    "guardrail-service, 8083, io.backstop.guardrail.GuardrailApplication",
    "executor-service, 8084, io.backstop.executor.ExecutorApplication",
    "escalation-service, 8085, io.backstop.escalation.EscalationApplication"
  })
  void imageRunsNonRootWithTheAgentAndItsMainClass(String service, int port, String mainClass)
      throws IOException {
    Path tarball =
        Path.of(
            System.getProperty("backstop.images.dir"), service, "target", "jib", service + ".tar");
    assertThat(tarball).as("built by -Pimages package").isRegularFile();
    ImageTarball image = ImageTarball.read(tarball);

    var config = image.containerConfig();
    String user = config.get("User").asString();
    assertThat(user).matches("[1-9][0-9]*:[1-9][0-9]*");
    assertThat(image.entrypoint())
        .startsWith("java", "-javaagent:/otel/opentelemetry-javaagent.jar")
        .contains("-Djava.io.tmpdir=/tmp", "-XX:+ExitOnOutOfMemoryError")
        .endsWith(mainClass);
    assertThat(config.get("ExposedPorts").has(port + "/tcp")).isTrue();
    assertThat(config.get("Env").valueStream().map(n -> n.asString()))
        .contains("OTEL_SERVICE_NAME=" + service);

    assertThat(image.files()).containsKey("/otel/opentelemetry-javaagent.jar");
    assertThat(image.files().get("/otel/opentelemetry-javaagent.jar") & 07777).isEqualTo(0444);
    assertThat(image.files().keySet())
        .anyMatch(f -> f.startsWith("/app/classes/io/backstop/"))
        .anyMatch(f -> f.startsWith("/app/libs/") && f.endsWith(".jar"));
    assertThat(Files.size(tarball)).isGreaterThan(20L * 1024 * 1024);
  }
}
