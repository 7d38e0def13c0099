package io.backstop.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each service's image as every {@code ./mvnw package} builds it (jib:buildTar, no Docker engine
 * needed): non-root by number, the OpenTelemetry Java agent from Maven Central on its command line
 * and in a read-only layer, the service's main class and port, temp files in /tmp (the one writable
 * mount of a read-only root filesystem). Runs in the integration-test phase (failsafe), after the
 * reactor packaged the services, so {@code ./mvnw -B verify} checks the tarballs it just wrote;
 * skipped only with {@code -Dbackstop.images.skip=true}, which builds none.
 */
class ImageTarballsTest {

  private static final String AGENT = "/otel/opentelemetry-javaagent.jar";

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
    String root = System.getProperty("backstop.images.dir");
    assumeTrue(root != null, "reads the tarballs after package: run by failsafe in verify");
    assumeFalse(
        Boolean.getBoolean("backstop.images.skip"),
        "images not built: -Dbackstop.images.skip=true");
    Path target = Path.of(root, service, "target");
    Path tarball = target.resolve("jib").resolve(service + ".tar");
    assertThat(tarball).as("written by the service's package phase (jib:buildTar)").isRegularFile();
    Path classFile = target.resolve("classes").resolve(mainClass.replace('.', '/') + ".class");
    assertThat(Files.getLastModifiedTime(tarball))
        .as("the tarball is built from this build's classes, not left from an earlier one")
        .isGreaterThanOrEqualTo(Files.getLastModifiedTime(classFile));
    ImageTarball image = ImageTarball.read(tarball);

    var config = image.containerConfig();
    String user = config.get("User").asString();
    assertThat(user).matches("[1-9][0-9]*:[1-9][0-9]*");
    assertThat(image.entrypoint())
        .startsWith("java", "-javaagent:" + AGENT)
        .contains(
            "-Djava.io.tmpdir=/tmp",
            "-XX:+ExitOnOutOfMemoryError",
            "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2")
        .endsWith(mainClass);
    assertThat(config.get("ExposedPorts").has(port + "/tcp")).isTrue();
    assertThat(config.get("Env").valueStream().map(n -> n.asString()))
        .contains(
            "OTEL_SERVICE_NAME=" + service,
            // backstop-stream spans each hop; the agent's Kafka spans would double it.
            "OTEL_INSTRUMENTATION_KAFKA_ENABLED=false",
            "OTEL_INSTRUMENTATION_SPRING_KAFKA_ENABLED=false");

    assertThat(image.files()).containsKey(AGENT);
    assertThat(image.files().get(AGENT) & 07777).isEqualTo(0444);
    assertThat(image.sizes().get(AGENT))
        .as("the agent jar Maven resolved, whole")
        .isEqualTo(Files.size(target.resolve("otel").resolve("opentelemetry-javaagent.jar")))
        .isGreaterThan(10L * 1024 * 1024);
    assertThat(image.files().keySet())
        .contains("/app/classes/" + mainClass.replace('.', '/') + ".class")
        .anyMatch(f -> f.startsWith("/app/libs/") && f.endsWith(".jar"));
  }
}
