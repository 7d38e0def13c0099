package io.backstop.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.localkafka.StackHome;
import io.backstop.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The local stack's secrets (the sandbox's three tokens, the gateway key, the guardrail admin
 * token, the ticket token) never appear on a command line, where {@code ps} shows them to every
 * user of the machine, nor in a log; a child gets them in its environment (readable by its owner
 * alone), and a person gets the admin token from an owner-only file. Checked on a stack whose five
 * services run as their own JVMs (and Prometheus and Alertmanager where installed): every process
 * it started is read as the operating system shows it. Needs the services' jars ({@code mvn verify}
 * builds them before this module's tests run); skipped without them.
 */
class SecretsOffCommandLinesIntegrationTest {

  private final Path home = Path.of("target", "secrets-test-" + System.nanoTime());
  private String previousRoot;

  @AfterEach
  void restoreRoot() {
    System.clearProperty("backstop.stack.serviceClassArchive");
    if (previousRoot == null) {
      System.clearProperty("backstop.root");
    } else {
      System.setProperty("backstop.root", previousRoot);
    }
  }

  @Test
  void noSecretOnAnyCommandLineOrInAnyLogAndThePersonsTokenInAnOwnerOnlyFile() throws Exception {
    Path root = repositoryRoot();
    Assumptions.assumeTrue(
        Files.isRegularFile(
            root.resolve("executor-service/target/executor-service-0.1.0-SNAPSHOT-exec.jar")),
        "the services' jars are not built (mvn verify builds them)");
    previousRoot = System.getProperty("backstop.root");
    System.setProperty("backstop.root", root.toString());
    // The services run from their executable jars here: recording five class-data archives (each
    // written as its JVM exits) would add half a minute to the build; ServiceClassArchiveTest
    // covers the archive with a JVM of its own.
    System.setProperty("backstop.stack.serviceClassArchive", "off");
    StackOptions options =
        new StackOptions(
            new StackHome(home),
            TestPorts.freeBase(),
            ScenarioLoader.loadResource("bad-deploy-hallucinated-sha.yaml"),
            true,
            StackOptions.Prometheus.QUERIES_ONLY,
            StackOptions.testTiming());

    try (LocalStack stack = LocalStack.start(options, line -> {})) {
      List<String> secrets = stack.credentials().secretValues();
      List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
      List<String> commandLines = new ArrayList<>();
      for (ProcessHandle child : children) {
        commandLines.add(commandLine(child));
      }

      assertThat(commandLines)
          .as("the stack's child processes")
          .filteredOn(c -> c.contains("-exec.jar"))
          .hasSize(5);
      for (String secret : secrets) {
        assertThat(commandLines).noneMatch(c -> c.contains(secret));
      }
      String executorEnvironment =
          children.stream()
              .filter(c -> commandLine(c).contains("executor-service-"))
              .map(SecretsOffCommandLinesIntegrationTest::environment)
              .findFirst()
              .orElseThrow();
      assertThat(executorEnvironment)
          .as("the executor's write token reaches it through its environment")
          .contains(stack.credentials().sandbox().executor());

      Path adminFile = stack.credentials().adminTokenFile();
      assertThat(Files.readString(adminFile).strip())
          .isEqualTo(stack.credentials().guardrailAdmin());
      for (Path secretFile :
          List.of(
              adminFile,
              stack.credentials().signing().privateKey(),
              home.resolve("kubeconfig/admin/kubeconfig-admin.yaml"),
              home.resolve("kubeconfig/read-only/kubeconfig-read-only.yaml"))) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)))
            .as("permissions of %s", secretFile)
            .isEqualTo("rw-------");
      }

      List<Path> logs;
      try (Stream<Path> files = Files.walk(options.home().logs())) {
        logs = files.filter(Files::isRegularFile).toList();
      }
      assertThat(logs).isNotEmpty();
      for (Path log : logs) {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        for (String secret : secrets) {
          assertThat(text).as("log %s", log.getFileName()).doesNotContain(secret);
        }
      }
    }
  }

  /**
   * The command line as {@code ps} shows it: {@code /proc/PID/cmdline}, arguments NUL-separated.
   */
  private static String commandLine(ProcessHandle process) {
    try {
      return new String(
              Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline")),
              StandardCharsets.UTF_8)
          .replace('\0', ' ');
    } catch (IOException gone) {
      return process.info().commandLine().orElse("");
    }
  }

  private static String environment(ProcessHandle process) {
    try {
      return new String(
          Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "environ")),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the environment of " + process.pid(), e);
    }
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("not inside the repository");
    }
    return dir;
  }
}
