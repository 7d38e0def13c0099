package io.backstop.stack.harness;

import io.backstop.events.AlertReceived;
import io.backstop.events.EventHeader;
import io.backstop.events.SignalsGathered;
import io.backstop.events.Stage;
import io.backstop.events.alert.AlertSeverity;
import io.backstop.events.alert.AlertStatus;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.id.IncidentId;
import io.backstop.redaction.Redactor;
import io.backstop.sandbox.SandboxCluster;
import io.backstop.sandbox.SandboxOptions;
import io.backstop.sandbox.spec.SandboxSpec;
import io.backstop.scenario.Alert;
import io.backstop.scenario.Scenario;
import io.backstop.scenario.ScenarioLoader;
import io.backstop.stack.scenario.FaultVisibility;
import io.backstop.triage.evidence.GatheringLimits;
import io.backstop.triage.evidence.SignalGatherer;
import io.backstop.triage.kubernetes.Fabric8ReadOnlyCluster;
import io.backstop.triage.metrics.PrometheusSettings;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Prints what one gathering costs for each shipped scenario, against the sandbox cluster over real
 * HTTP with triage's own fabric8 reader: Kubernetes API calls, Prometheus queries, milliseconds and
 * the SignalsGathered's bytes, BEFORE (the alerted workload only: no related workloads, nodes or
 * config metadata, as triage gathered before issue 18) and AFTER (the default bounds). The fault is
 * given the time it takes to show, as in a run. Prometheus is not started here, so its queries are
 * counted only when a URL is given as the first argument (a running Prometheus that scrapes the
 * sandbox). Run with the test classpath: {@code java -cp ...
 * io.backstop.stack.harness.GatheringCostHarness [prometheus-url] [scenario,...]}; it is not a test
 * and asserts nothing.
 */
public final class GatheringCostHarness {

  private static final int ROUNDS = 5;

  private GatheringCostHarness() {}

  public static void main(String[] args) throws Exception {
    Optional<String> prometheus =
        args.length > 0 && !args[0].isBlank() ? Optional.of(args[0]) : Optional.empty();
    List<String> only = args.length > 1 ? List.of(args[1].split(",")) : List.of();
    System.out.printf(
        "%-34s %-6s %9s %9s %11s %9s %8s%n",
        "scenario", "bounds", "api calls", "queries", "ms (median)", "bytes", "related");
    for (Scenario scenario : ScenarioLoader.shipped()) {
      if (!only.isEmpty() && !only.contains(scenario.name())) {
        continue;
      }
      measure(scenario, prometheus);
    }
  }

  private static void measure(Scenario scenario, Optional<String> prometheusUrl)
      throws InterruptedException {
    SandboxOptions options = SandboxOptions.fast();
    ExecutorService executor = Executors.newFixedThreadPool(4);
    try (SandboxCluster sandbox = SandboxCluster.start(SandboxSpec.from(scenario), options);
        KubernetesClient client =
            new KubernetesClientBuilder()
                .withConfig(
                    new ConfigBuilder()
                        .withMasterUrl(sandbox.httpUrl())
                        .withOauthToken(sandbox.tokens().readOnly())
                        .build())
                .build()) {
      Thread.sleep(FaultVisibility.timeToShow(scenario, options.timing()).toMillis());
      Fabric8ReadOnlyCluster cluster = new Fabric8ReadOnlyCluster(client);
      PrometheusSettings prometheus =
          prometheusUrl
              .map(java.net.URI::create)
              .map(PrometheusSettings::at)
              .orElse(PrometheusSettings.unconfigured());
      GatheringLimits after = GatheringLimits.defaults();
      GatheringLimits before =
          after.withRelated(
              new GatheringLimits.Related(
                  0, 0, 1000, 1000, 0, 2000, false, false, Duration.ofHours(2), List.of()));
      AlertReceived alert = alert(scenario);
      row(scenario, "before", cluster, prometheus, before, executor, alert);
      row(scenario, "after", cluster, prometheus, after, executor, alert);
    } finally {
      executor.shutdownNow();
    }
  }

  private static void row(
      Scenario scenario,
      String bounds,
      Fabric8ReadOnlyCluster cluster,
      PrometheusSettings prometheus,
      GatheringLimits limits,
      ExecutorService executor,
      AlertReceived alert) {
    SignalGatherer gatherer =
        new SignalGatherer(
            Optional.of(cluster), prometheus, limits, new Redactor(), executor, Clock.systemUTC());
    long[] millis = new long[ROUNDS];
    SignalsGathered last = null;
    for (int i = 0; i < ROUNDS; i++) {
      last = gatherer.gather(alert);
      millis[i] = last.gathering().millis();
    }
    java.util.Arrays.sort(millis);
    System.out.printf(
        "%-34s %-6s %9d %9d %11d %9d %8d%n",
        scenario.name(),
        bounds,
        last.gathering().apiCalls(),
        last.gathering().metricQueries(),
        millis[ROUNDS / 2],
        EventCodec.encode(last).length,
        last.findings().related().size());
  }

  private static AlertReceived alert(Scenario scenario) {
    Alert a = scenario.alert();
    Instant now = Instant.now();
    IncidentId incident = IncidentId.of("inc-" + a.namespace() + "-" + a.deployment() + "-cost");
    var labels = new HashMap<>(a.labels());
    labels.put("alertname", a.alertname());
    return EventCodec.seal(
        new AlertReceived(
            EventHeader.first(incident, "harness|" + scenario.name(), Stage.INTAKE, now),
            "alertmanager",
            scenario.name(),
            "{}:{alertname=\"" + a.alertname() + "\"}",
            a.alertname(),
            AlertSeverity.CRITICAL,
            AlertStatus.FIRING,
            labels,
            a.annotations(),
            now.minusSeconds(60),
            null,
            null,
            0));
  }
}
