package io.backstop.prometheus;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Measures the local alert path and prints the figures: how long Prometheus and Alertmanager take
 * to become ready, and how long from the first failing scrape to the alert reaching a webhook, with
 * 1s intervals and a 1s rule hold. Run its {@code main} with the test classpath; not a test.
 */
public final class AlertPathHarness {

  private AlertPathHarness() {}

  public static void main(String[] args) throws Exception {
    if (Binaries.prometheus().isEmpty() || Binaries.alertmanager().isEmpty()) {
      System.out.println(
          "prometheus or prometheus-alertmanager not installed: " + LocalPrometheus.INSTALL_HINT);
      return;
    }
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    for (int run = 1; run <= runs; run++) {
      measure(run);
    }
  }

  private static void measure(int run) throws Exception {
    var delivered = new CompletableFuture<Long>();
    long[] failingSince = {0};
    var metrics = server("/metrics", () -> body(failingSince));
    var webhook =
        server(
            "/hook",
            () -> {
              delivered.complete(System.nanoTime());
              return "";
            });
    var data = Files.createTempDirectory("alert-path");
    var settings =
        StackSettings.local(
                data,
                freePort(),
                freePort(),
                URI.create("http://127.0.0.1:" + metrics.getAddress().getPort() + "/metrics"),
                URI.create("http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook"))
            .withAlertHold(Duration.ofSeconds(1));
    long launched = System.nanoTime();
    try (var stack = (RunningStack) LocalPrometheus.start(settings)) {
      long ready = System.nanoTime();
      failingSince[0] = System.nanoTime();
      long arrived = delivered.get(60, TimeUnit.SECONDS);
      System.out.printf(
          "run %d: both ready in %d ms; first failing sample to alert at the webhook: %d ms%n",
          run, millis(launched, ready), millis(failingSince[0], arrived));
    } finally {
      metrics.stop(0);
      webhook.stop(0);
    }
  }

  /** Healthy until {@code failingSince} is set, then half of checkout's requests fail. */
  private static String body(long[] failingSince) {
    long now = System.nanoTime();
    long ok = now / 100_000_000L;
    long failed = failingSince[0] == 0 ? 0 : (now - failingSince[0]) / 100_000_000L;
    return "http_requests_total{namespace=\"shop\",deployment=\"checkout\",code=\"200\"} "
        + ok
        + "\n"
        + "http_requests_total{namespace=\"shop\",deployment=\"checkout\",code=\"500\"} "
        + failed
        + "\n";
  }

  private static HttpServer server(String path, java.util.function.Supplier<String> body)
      throws IOException {
    var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        path,
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
              exchange.getResponseBody().write(bytes);
            }
          }
        });
    server.start();
    return server;
  }

  private static long millis(long from, long to) {
    return (to - from) / 1_000_000;
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
