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
import java.time.Duration;
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
  private volatile ReadDeployments lastRead;

  /** How old the Deployments a scrape reads may be when the store is busy. */
  static final Duration STALE_AFTER = Duration.ofSeconds(2);

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
    List<Deployment> stored = new ArrayList<>(deployments(now));
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

  /**
   * The Deployments for a scrape: read now if the store is free, else the ones the last scrape read
   * while they are under {@link #STALE_AFTER} old. The scrape is served on the API's one event
   * loop: waiting there for a reconcile step to let go of the store (0.7 s at the median in a JFR
   * of a loaded bench) held up every API request behind it.
   */
  private List<Deployment> deployments(Instant now) {
    Optional<List<Deployment>> fresh = store.ifFree(() -> store.list(Deployment.class, null));
    ReadDeployments last = lastRead;
    if (fresh.isEmpty()
        && last != null
        && Duration.between(last.at(), now).compareTo(STALE_AFTER) < 0) {
      return last.deployments();
    }
    List<Deployment> read = List.copyOf(fresh.orElseGet(() -> store.list(Deployment.class, null)));
    lastRead = new ReadDeployments(read, now);
    return read;
  }

  private record ReadDeployments(List<Deployment> deployments, Instant at) {}

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
