package io.backstop.modelsim;

import io.backstop.scenario.ScenarioLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

/**
 * Measures the simulator's own overhead and prints it: per-call latency (p50, p99) and calls per
 * second for honest answers to a realistic prompt, one client thread. Run its {@code main} with the
 * test classpath; not a test.
 */
public final class SimulatorLatencyHarness {

  private SimulatorLatencyHarness() {}

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    try (var simulator =
        ModelSimulator.start(ScenarioLoader.loadResource("bad-deploy-hallucinated-sha.yaml"))) {
      var http = HttpClient.newHttpClient();
      String body =
          "{\"model\":\"opus\",\"response_format\":{\"type\":\"json_object\"},\"messages\":["
              + "{\"role\":\"user\",\"content\":\""
              + ModelSimulatorTest.PROMPT.replace("\n", "\\n").replace("\"", "\\\"")
              + "\"}]}";
      var request =
          HttpRequest.newBuilder(simulator.baseUrl().resolve("/v1/chat/completions"))
              .header("Authorization", "Bearer " + SimulatorConfig.DEFAULT_API_KEY)
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      for (int i = 0; i < 200; i++) {
        http.send(request, HttpResponse.BodyHandlers.ofString());
      }
      long[] nanos = new long[calls];
      long started = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        long t = System.nanoTime();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IllegalStateException("unexpected " + response.statusCode());
        }
        nanos[i] = System.nanoTime() - t;
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      Arrays.sort(nanos);
      System.out.printf(
          "%d honest calls: p50 %.2f ms, p99 %.2f ms, %.0f calls/s (one client thread)%n",
          calls, nanos[calls / 2] / 1e6, nanos[(int) (calls * 0.99)] / 1e6, calls / seconds);
    }
  }
}
