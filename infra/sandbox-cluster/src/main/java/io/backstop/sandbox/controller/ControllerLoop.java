package io.backstop.sandbox.controller;

import io.backstop.sandbox.store.ClusterStore;
import io.backstop.sandbox.workload.PodRuntime;
import io.backstop.sandbox.workload.WorkloadSimulator;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated control plane: a background reconcile loop (every {@code interval}, and at once
 * after a write) that runs the deployment, ReplicaSet and StatefulSet controllers, garbage-collects
 * orphans, updates pod status from the simulation and advances the workload signals. One tick runs
 * under the store lock, so API requests see whole reconcile steps.
 */
public final class ControllerLoop implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ControllerLoop.class);

  private final ClusterStore store;
  private final WorkloadSimulator simulator;
  private final Clock clock;
  private final Duration interval;
  private final TemplateHash hashes;
  private final EventRecorder events;
  private final PodFactory pods;
  private final PodStatusWriter podStatus;
  private final DeploymentReconciler deployments;
  private final DeploymentStatusWriter deploymentStatus;
  private final ReplicaSetReconciler replicaSets;
  private final StatefulSetReconciler statefulSets;
  private final Kubelet kubelet;
  private final List<Scheduled> scheduled = new ArrayList<>();
  private final AtomicBoolean wakePending = new AtomicBoolean();
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "sandbox-controllers");
            t.setDaemon(true);
            return t;
          });
  private Instant lastTick;
  private Duration latestLag = Duration.ZERO;

  public ControllerLoop(
      ClusterStore store,
      WorkloadSimulator simulator,
      PodPolicies policies,
      Clock clock,
      Duration interval,
      long seed) {
    this.store = store;
    this.simulator = simulator;
    this.clock = clock;
    this.interval = interval;
    this.hashes = new TemplateHash(store.json());
    this.events = new EventRecorder(store, clock);
    this.pods = new PodFactory(store, simulator, events, policies, seed);
    this.kubelet =
        new Kubelet(store, simulator, events, simulator.timing().crashCycle().multipliedBy(2));
    this.podStatus = new PodStatusWriter(store, simulator, events);
    this.deployments = new DeploymentReconciler(store, hashes, events);
    this.deploymentStatus = new DeploymentStatusWriter(store, hashes);
    this.replicaSets = new ReplicaSetReconciler(store, pods, events, simulator, podStatus);
    this.statefulSets =
        new StatefulSetReconciler(store, pods, events, simulator, podStatus, hashes);
  }

  public PodFactory pods() {
    return pods;
  }

  public TemplateHash hashes() {
    return hashes;
  }

  public EventRecorder events() {
    return events;
  }

  void createStatefulPod(StatefulSet sts, int ordinal, String revision, Instant createdAt) {
    statefulSets.create(sts, ordinal, revision, createdAt);
  }

  public void start() {
    executor.scheduleWithFixedDelay(this::safeTick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Asks for a reconcile as soon as possible (coalesced). */
  public void wake() {
    if (wakePending.compareAndSet(false, true) && !executor.isShutdown()) {
      executor.execute(
          () -> {
            wakePending.set(false);
            safeTick();
          });
    }
  }

  /** Runs {@code action} inside the first tick at or after {@code at}. */
  public void schedule(Instant at, String what, Runnable action) {
    store.atomically(() -> scheduled.add(new Scheduled(at, what, action)));
  }

  /**
   * Empty while an action scheduled at or before {@code by} has not run yet; once all have (each
   * inside a whole reconcile step), how late the latest-running of them ran after its time (zero
   * when none was late, or none was scheduled).
   */
  public Optional<Duration> ranEverythingDueBy(Instant by) {
    return store.atomically(
        () ->
            scheduled.stream().anyMatch(s -> !s.at().isAfter(by))
                ? Optional.<Duration>empty()
                : Optional.of(latestLag));
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void safeTick() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.warn("sandbox reconcile step failed; the next one retries", e);
    }
  }

  /** One reconcile step over the whole cluster. */
  public void tick() {
    store.atomically(
        () -> {
          Instant now = clock.instant();
          double dt =
              lastTick == null
                  ? 0
                  : Math.max(0, Duration.between(lastTick, now).toMillis() / 1000.0);
          lastTick = now;
          runDue(now);
          WorkloadObjects.read(store).collectGarbage(store, simulator, podStatus);
          WorkloadObjects cluster = WorkloadObjects.read(store);
          trackRuntimes(cluster, now);
          kubelet.tick(cluster.pods(), now);
          Predicate<Pod> ready = readiness(now);
          for (Deployment d : cluster.deployments()) {
            List<ReplicaSet> owned = cluster.ownedBy(cluster.replicaSets(), d);
            deployments.sync(
                d, owned, rs -> count(cluster.ownedBy(cluster.pods(), rs), ready), now);
          }
          WorkloadObjects scaled = WorkloadObjects.read(store);
          for (ReplicaSet rs : scaled.replicaSets()) {
            replicaSets.reconcile(rs, scaled.ownedBy(scaled.pods(), rs), ready, now);
          }
          for (StatefulSet sts : scaled.statefulSets()) {
            statefulSets.reconcile(sts, scaled.ownedBy(scaled.pods(), sts), ready, now);
          }
          WorkloadObjects settled = WorkloadObjects.read(store);
          for (Pod pod : settled.pods()) {
            simulator
                .pod(pod.getMetadata().getNamespace(), pod.getMetadata().getName())
                .ifPresent(runtime -> podStatus.update(pod, runtime, now));
          }
          writeDeploymentStatus(WorkloadObjects.read(store), ready, now);
          simulator.tick(now, dt, desiredReplicas(settled));
        });
  }

  /**
   * Writes each Deployment's status from its ReplicaSets' active pods: an evicted pod is Failed and
   * kept for people to inspect, but it is no replica (as the ReplicaSet controller counts).
   */
  private void writeDeploymentStatus(WorkloadObjects cluster, Predicate<Pod> ready, Instant now) {
    for (Deployment d : cluster.deployments()) {
      List<ReplicaSet> owned = cluster.ownedBy(cluster.replicaSets(), d);
      deploymentStatus.write(
          d,
          owned,
          rs -> (int) cluster.ownedBy(cluster.pods(), rs).stream().filter(this::active).count(),
          rs -> count(cluster.ownedBy(cluster.pods(), rs), ready),
          now);
    }
  }

  private boolean active(Pod pod) {
    return simulator
        .eviction(pod.getMetadata().getNamespace(), pod.getMetadata().getName())
        .isEmpty();
  }

  private void runDue(Instant now) {
    var due = scheduled.stream().filter(s -> !s.at().isAfter(now)).toList();
    scheduled.removeAll(due);
    for (Scheduled s : due) {
      Duration lag = Duration.between(s.at(), now);
      latestLag = lag.isNegative() ? Duration.ZERO : lag;
      try {
        s.action().run();
      } catch (RuntimeException e) {
        LOG.warn("sandbox scheduled action '{}' failed", s.what(), e);
      }
    }
  }

  private void trackRuntimes(WorkloadObjects cluster, Instant now) {
    for (Pod pod : cluster.pods()) {
      String ns = pod.getMetadata().getNamespace();
      if (simulator.pod(ns, pod.getMetadata().getName()).isEmpty()) {
        String workload =
            Owners.controllerOf(pod).map(r -> r.getName()).orElse(pod.getMetadata().getName());
        pods.register(pod, workloadOf(cluster, pod, workload), now);
      }
    }
    for (PodRuntime runtime : simulator.pods()) {
      boolean exists =
          cluster.pods().stream()
              .anyMatch(
                  p ->
                      p.getMetadata().getName().equals(runtime.name())
                          && p.getMetadata().getNamespace().equals(runtime.namespace()));
      if (!exists) {
        simulator.forget(runtime.namespace(), runtime.name());
        podStatus.forget(runtime.namespace(), runtime.name());
      }
    }
  }

  private static String workloadOf(WorkloadObjects cluster, Pod pod, String owner) {
    return cluster.replicaSets().stream()
        .filter(rs -> rs.getMetadata().getName().equals(owner))
        .findFirst()
        .flatMap(Owners::controllerOf)
        .map(r -> r.getName())
        .orElse(owner);
  }

  private Predicate<Pod> readiness(Instant now) {
    return pod ->
        simulator
            .pod(pod.getMetadata().getNamespace(), pod.getMetadata().getName())
            .map(runtime -> simulator.state(runtime, now).ready())
            .orElse(false);
  }

  private static int count(List<Pod> pods, Predicate<Pod> ready) {
    return (int) pods.stream().filter(ready).count();
  }

  private static Map<String, Integer> desiredReplicas(WorkloadObjects cluster) {
    Map<String, Integer> desired = new HashMap<>();
    for (Deployment d : cluster.deployments()) {
      desired.put(
          WorkloadSimulator.key(d.getMetadata().getNamespace(), d.getMetadata().getName()),
          d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas());
    }
    return desired;
  }

  private record Scheduled(Instant at, String what, Runnable action) {}
}
