package io.backstop.sandbox;

import io.backstop.sandbox.spec.SandboxSpec;
import io.backstop.scenario.ScenarioLoader;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * A harness that prints the sandbox's figures on this machine: start-up time, reconcile step time,
 * API latencies through the real fabric8 client, and how long a rollback of the headline scenario
 * takes to a completed rollout with a recovered error signal ({@code --fast} timings). Run: {@code
 * java -cp ... io.backstop.sandbox.SandboxBenchmark}.
 */
public final class SandboxBenchmark {

  private SandboxBenchmark() {}

  public static void main(String[] args) {
    var scenario = ScenarioLoader.loadResource("bad-deploy-hallucinated-sha.yaml");
    long start = System.nanoTime();
    try (SandboxCluster sandbox =
            SandboxCluster.start(SandboxSpec.from(scenario), SandboxOptions.fast());
        KubernetesClient client = client(sandbox)) {
      System.out.printf("start-up: %.0f ms%n", (System.nanoTime() - start) / 1e6);
      report(
          "reconcile step",
          time(
              300,
              () -> {
                sandbox.reconcileNow();
                return null;
              }));
      report(
          "GET deployment",
          time(
              200,
              () -> client.apps().deployments().inNamespace("shop").withName("checkout").get()));
      report("LIST pods", time(200, () -> client.pods().inNamespace("shop").list()));
      report(
          "GET pod log (tail 50)",
          time(
              100,
              () -> {
                String pod =
                    client
                        .pods()
                        .inNamespace("shop")
                        .list()
                        .getItems()
                        .get(0)
                        .getMetadata()
                        .getName();
                return client.pods().inNamespace("shop").withName(pod).tailingLines(50).getLog();
              }));
      report("GET /metrics", time(100, () -> Clients.metrics(sandbox)));
      System.out.printf("rollback to recovered: %.0f ms%n", rollback(sandbox, client));
    }
  }

  private static double rollback(SandboxCluster sandbox, KubernetesClient client) {
    ReplicaSet good =
        client
            .apps()
            .replicaSets()
            .inNamespace("shop")
            .withLabel("app", "checkout")
            .list()
            .getItems()
            .stream()
            .filter(
                rs ->
                    "2"
                        .equals(
                            rs.getMetadata()
                                .getAnnotations()
                                .get("deployment.kubernetes.io/revision")))
            .findFirst()
            .orElseThrow();
    var template = good.getSpec().getTemplate();
    template.getMetadata().getLabels().remove("pod-template-hash");
    String patch =
        "[{\"op\":\"replace\",\"path\":\"/spec/template\",\"value\":"
            + client.getKubernetesSerialization().asJson(template)
            + "}]";
    long start = System.nanoTime();
    client
        .apps()
        .deployments()
        .inNamespace("shop")
        .withName("checkout")
        .patch(PatchContext.of(PatchType.JSON), patch);
    while (true) {
      var state = sandbox.snapshot().deployment("shop", "checkout").orElseThrow();
      if (state.rolloutComplete() && state.errorRatio() < 0.01) {
        return (System.nanoTime() - start) / 1e6;
      }
      if (System.nanoTime() - start > 60_000_000_000L) {
        return Double.NaN;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Double.NaN;
      }
    }
  }

  private static KubernetesClient client(SandboxCluster sandbox) {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(sandbox.httpUrl())
            .withOauthToken(sandbox.tokens().admin())
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static List<Double> time(int runs, Supplier<Object> work) {
    for (int i = 0; i < Math.max(20, runs / 2); i++) {
      work.get();
    }
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      work.get();
      millis.add((System.nanoTime() - t) / 1e6);
    }
    Collections.sort(millis);
    return millis;
  }

  private static void report(String what, List<Double> sorted) {
    System.out.printf(
        "%-22s p50 %6.2f ms   p95 %6.2f ms   max %6.2f ms   (n=%d)%n",
        what,
        sorted.get(sorted.size() / 2),
        sorted.get((int) (sorted.size() * 0.95)),
        sorted.get(sorted.size() - 1),
        sorted.size());
  }

  /** Plain HTTP for the unauthenticated metrics endpoint. */
  private static final class Clients {
    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    static String metrics(SandboxCluster sandbox) {
      try {
        return HTTP.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(sandbox.metricsUrl()))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
