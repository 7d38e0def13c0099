package io.backstop.sandbox;

import io.backstop.sandbox.api.Simulation;
import io.backstop.sandbox.controller.ControllerLoop;
import io.backstop.sandbox.metrics.MetricsView;
import io.backstop.sandbox.metrics.PrometheusText;
import io.backstop.sandbox.store.ClusterStore;
import io.backstop.sandbox.workload.ContainerState;
import io.backstop.sandbox.workload.DeploymentTraffic;
import io.backstop.sandbox.workload.PodRuntime;
import io.backstop.sandbox.workload.WorkloadSimulator;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Connects the HTTP layer to the workload simulator, the controllers and the metrics. */
final class SandboxSimulation implements Simulation {

  private final ClusterStore store;
  private final WorkloadSimulator simulator;
  private final Clock clock;
  private ControllerLoop loop;

  SandboxSimulation(ClusterStore store, WorkloadSimulator simulator, Clock clock) {
    this.store = store;
    this.simulator = simulator;
    this.clock = clock;
  }

  void attach(ControllerLoop controllers) {
    this.loop = controllers;
  }

  @Override
  public List<LogLine> logs(Pod pod, String container, boolean previous) {
    PodRuntime runtime = runtime(pod);
    return simulator.logs(runtime, previous, clock.instant());
  }

  @Override
  public Optional<List<ContainerUsage>> usage(Pod pod) {
    return simulator
        .pod(pod.getMetadata().getNamespace(), pod.getMetadata().getName())
        .flatMap(runtime -> simulator.usage(runtime, clock.instant()));
  }

  @Override
  public String prometheus() {
    return PrometheusText.render(view());
  }

  @Override
  public void changed() {
    if (loop != null) {
      loop.wake();
    }
  }

  MetricsView view() {
    Instant now = clock.instant();
    List<MetricsView.DeploymentSeries> deployments = new ArrayList<>();
    List<Deployment> stored = store.list(Deployment.class, null);
    stored.sort(
        Comparator.comparing(
            d -> d.getMetadata().getNamespace() + "/" + d.getMetadata().getName()));
    for (Deployment d : stored) {
      String ns = d.getMetadata().getNamespace();
      String name = d.getMetadata().getName();
      DeploymentTraffic.Snapshot traffic =
          simulator.traffic(ns, name).map(DeploymentTraffic::snapshot).orElse(null);
      if (traffic == null) {
        continue;
      }
      int available =
          d.getStatus() == null || d.getStatus().getAvailableReplicas() == null
              ? 0
              : d.getStatus().getAvailableReplicas();
      deployments.add(new MetricsView.DeploymentSeries(ns, name, traffic, available));
    }
    List<MetricsView.PodSeries> pods = new ArrayList<>();
    List<PodRuntime> runtimes = new ArrayList<>(simulator.pods());
    runtimes.sort(Comparator.comparing(p -> p.namespace() + "/" + p.name()));
    for (PodRuntime p : runtimes) {
      ContainerState state = simulator.state(p, now);
      pods.add(
          new MetricsView.PodSeries(
              p.namespace(),
              p.workload(),
              p.name(),
              p.container(),
              state.restartCount(),
              state.memoryBytes(),
              p.memoryLimitBytes(),
              p.cpuLimitMillis() / 1000.0,
              simulator.cpuSeconds(p),
              waitingReason(state),
              state.lastReason()));
    }
    return new MetricsView(deployments, pods);
  }

  private static String waitingReason(ContainerState state) {
    if (!state.started()) {
      return "ContainerCreating";
    }
    return state.crashLoopBackOff() ? "CrashLoopBackOff" : null;
  }

  private PodRuntime runtime(Pod pod) {
    return simulator
        .pod(pod.getMetadata().getNamespace(), pod.getMetadata().getName())
        .orElseThrow(
            () ->
                io.backstop.sandbox.api.ApiException.badRequest(
                    "container in pod \""
                        + pod.getMetadata().getName()
                        + "\" is waiting to start"));
  }
}
