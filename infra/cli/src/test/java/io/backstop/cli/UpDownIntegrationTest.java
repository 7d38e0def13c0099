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
