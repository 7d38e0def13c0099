package io.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.localkafka.BrokerLock;
import io.backstop.localkafka.StackHome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backstop up} in its own JVM, as a user runs it, and {@code backstop down} stopping it
 * through the pid file: the broker stops cleanly, the process exits and the port is free again.
 */
class UpDownIntegrationTest {

  private static final Duration START = Duration.ofSeconds(120);

  @TempDir Path home;

  @Test
  void upPrintsWhereTheBrokerListensAndDownStopsItAndFreesThePort() throws Exception {
    int port = freePort();
    Process up =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "up",
                "--kafka-only",
                "--home",
                home.toString(),
                "--port",
                String.valueOf(port))
            .redirectErrorStream(true)
            .start();
    try {
      List<String> printed = awaitLine(up, "Stop with Ctrl-C");
      assertThat(String.join("\n", printed))
          .contains("Backstop is up (")
          .contains("kafka bootstrap:  127.0.0.1:" + port)
          .contains("data directory:   " + home.toAbsolutePath());
      assertThat(BrokerLock.running(new StackHome(home)).map(BrokerLock::pid)).contains(up.pid());

      var out = new StringWriter();
      int code =
          Main.run(
              new String[] {"down", "--home", home.toString()},
              new PrintWriter(out),
              new PrintWriter(new StringWriter()));

      assertThat(code).isZero();
      assertThat(out.toString()).contains("Stopped.");
      assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(isFree(port)).isTrue();
      assertThat(BrokerLock.running(new StackHome(home))).isEmpty();
    } finally {
      up.destroyForcibly();
    }
  }

  /**
   * {@code backstop down} while a stack is still starting (its first child processes are up, the
   * rest not yet): every process {@code up} started is gone afterwards, and so is {@code up}. The
   * children are the services' own JVMs when their jars are built (as in {@code mvn verify}), else
   * Prometheus and Alertmanager; with neither there is nothing to observe and the test is skipped.
   */
  @Test
  void downWhileTheStackIsStillStartingStopsEveryProcessUpStarted() throws Exception {
    Path root = repositoryRoot();
    boolean jars =
        java.nio.file.Files.isRegularFile(
            root.resolve("triage-service/target/triage-service-0.1.0-SNAPSHOT-exec.jar"));
    boolean prometheus = java.nio.file.Files.isExecutable(Path.of("/usr/bin/prometheus"));
    org.junit.jupiter.api.Assumptions.assumeTrue(
        jars || prometheus, "no child processes to watch: neither service jars nor Prometheus");
    int base = portBase();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The services' JVMs start from their executable jars, not recording class-data
                // archives, which a stop during their start would discard anyway.
                "-Dbackstop.stack.serviceClassArchive=off",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "up",
                "--home",
                home.toString(),
                "--port-base",
                String.valueOf(base)));
    if (jars) {
      command.add("--separate-processes");
    }
    Process up =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("up.out").toFile())
            .start();
    java.util.Set<ProcessHandle> seen = new java.util.LinkedHashSet<>();
    try {
      long deadline = System.nanoTime() + START.toNanos();
      while (seen.isEmpty() && up.isAlive() && System.nanoTime() < deadline) {
        up.toHandle().descendants().forEach(seen::add);
        Thread.sleep(100);
      }
      assertThat(seen).as("child processes of `up` (see %s)", home.resolve("up.out")).isNotEmpty();
      Thread.sleep(1500); // a child is now half-way through its start
      up.toHandle().descendants().forEach(seen::add);
      assertThat(java.nio.file.Files.readString(home.resolve("up.out")))
          .as("still starting")
          .doesNotContain("Backstop is up");

      int code =
          Main.run(
              new String[] {"down", "--home", home.toString()},
              new PrintWriter(new StringWriter()),
              new PrintWriter(new StringWriter()));

      assertThat(code).isZero();
      assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(seen).as("processes `up` started").noneMatch(ProcessHandle::isAlive);
    } finally {
      up.destroyForcibly();
      seen.forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !java.nio.file.Files.isRegularFile(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("not inside the repository");
    }
    return dir;
  }

  /** A base whose stack ports (base + up to 500) are all free, below the ephemeral range. */
  private static int portBase() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = java.util.concurrent.ThreadLocalRandom.current().nextInt(20000, 32000);
      boolean free = true;
      for (int p = base; p < base + 500 && free; p++) {
        free = isFree(p);
      }
      if (free) {
        return base;
      }
    }
    throw new IllegalStateException("no free port range found");
  }

  private static List<String> awaitLine(Process process, String marker) throws Exception {
    List<String> lines = new ArrayList<>();
    var reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<List<String>> found =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                  lines.add(line);
                  if (line.contains(marker)) {
                    return lines;
                  }
                }
                throw new AssertionError("`backstop up` exited before it was up: " + lines);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    return found.get(START.toSeconds(), TimeUnit.SECONDS);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
