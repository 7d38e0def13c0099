package io.backstop.sandbox.workload;

import io.backstop.sandbox.api.ApiException;
import io.backstop.sandbox.api.Simulation.ContainerUsage;
import io.backstop.sandbox.api.Simulation.LogLine;
import io.backstop.sandbox.spec.Health;
import io.backstop.sandbox.spec.HealthKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The running behaviour of every simulated pod and deployment: registers pods as the controllers
 * create them, derives their container state, logs and usage from their health profile, records the
 * kubelet's evictions, and advances each deployment's traffic signals once per tick. A deployment
 * that calls another (its env names the other's Service) fails its share of requests while the
 * other fails: errors travel from a cause to its victims.
 */
public final class WorkloadSimulator {

  private final Timing timing;
  private final PodTimeline timeline;
  private final Map<String, PodRuntime> pods = new ConcurrentHashMap<>();
  private final Map<String, DeploymentTraffic> traffic = new ConcurrentHashMap<>();
  private final Map<String, Double> cpuSeconds = new ConcurrentHashMap<>();
  private final Map<String, List<String>> extraLogs = new ConcurrentHashMap<>();
  private final Map<String, Double> baselineRps = new ConcurrentHashMap<>();
  private final Map<String, Integer> baselineReplicas = new ConcurrentHashMap<>();
  private final Map<String, Integer> readyReplicas = new ConcurrentHashMap<>();
  private final Map<String, Condition> conditions = new ConcurrentHashMap<>();
  private final Map<String, Eviction> evictions = new ConcurrentHashMap<>();
  private final Map<String, List<Dependency>> dependencies = new ConcurrentHashMap<>();

  /** The share of a caller's requests that need the dependency it calls. */
  static final double DEPENDENT_SHARE = 0.5;

  public WorkloadSimulator(Timing timing) {
    this.timing = timing;
    this.timeline = new PodTimeline(timing);
  }

  public Timing timing() {
    return timing;
  }

  /** Declares a deployment's baseline traffic and the extra lines its pods print. */
  public void declareDeployment(
      String namespace, String name, double requestsPerSecond, List<String> logs, int replicas) {
    baselineRps.put(key(namespace, name), requestsPerSecond);
    baselineReplicas.put(key(namespace, name), Math.max(1, replicas));
    extraLogs.put(key(namespace, name), List.copyOf(logs));
  }

  /**
   * From {@code since} on, the deployment's pods behave as {@code health} whatever image they run
   * (a condition fault); their timelines restart at {@code since}.
   */
  public void applyCondition(String namespace, String deployment, Health health, Instant since) {
    conditions.put(key(namespace, deployment), new Condition(health, since, false));
  }

  /**
   * From {@code since} on, the deployment's pods that started before it behave as {@code health}
   * (they hold a credential that was rotated at {@code since}); pods started after it are
   * unaffected.
   */
  public void applyToEarlierPods(
      String namespace, String deployment, Health health, Instant since) {
    conditions.put(key(namespace, deployment), new Condition(health, since, true));
  }

  /** Declares that a deployment calls another of its namespace on {@code port}. */
  public void declareDependency(String namespace, String caller, String callee, int port) {
    dependencies
        .computeIfAbsent(
            key(namespace, caller), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
        .add(new Dependency(callee, port));
  }

  /** The kubelet evicted the pod at {@code at}, for the reason in {@code message}. */
  public void evict(String namespace, String pod, Instant at, String message) {
    evictions.putIfAbsent(key(namespace, pod), new Eviction(at, message));
  }

  /** The eviction of a pod, if the kubelet evicted it. */
  public Optional<Eviction> eviction(String namespace, String pod) {
    return Optional.ofNullable(evictions.get(key(namespace, pod)));
  }

  /** The pod as it behaves now: under its deployment's condition, and saturation eased by scale. */
  public PodRuntime effective(PodRuntime pod) {
    String workload = key(pod.namespace(), pod.workload());
    PodRuntime p = pod;
    Condition condition = conditions.get(workload);
    boolean applies =
        condition != null
            && (!condition.earlierPodsOnly() || pod.createdAt().isBefore(condition.since()));
    if (applies) {
      Instant from = condition.since().minus(timing.podStartup());
      p = p.withHealth(condition.health());
      if (p.createdAt().isBefore(from)) {
        p = p.withTimelineFrom(from);
      }
    }
    if (p.health().kind() == HealthKind.SATURATED) {
      int base = baselineReplicas.getOrDefault(workload, 1);
      int ready = Math.max(1, readyReplicas.getOrDefault(workload, base));
      double load = p.health().trafficMultiplier() * base / ready;
      p = p.withHealth(Saturation.scaled(p.health(), load));
    }
    return p;
  }

  public void register(PodRuntime pod) {
    pods.put(key(pod.namespace(), pod.name()), pod);
  }

  public void forget(String namespace, String name) {
    pods.remove(key(namespace, name));
    cpuSeconds.remove(key(namespace, name));
    evictions.remove(key(namespace, name));
  }

  public Optional<PodRuntime> pod(String namespace, String name) {
    return Optional.ofNullable(pods.get(key(namespace, name)));
  }

  public Collection<PodRuntime> pods() {
    return List.copyOf(pods.values());
  }

  /** The container's state; an evicted pod's container is stopped and never ready. */
  public ContainerState state(PodRuntime pod, Instant now) {
    ContainerState state = timeline.at(effective(pod), now);
    Eviction evicted = evictions.get(key(pod.namespace(), pod.name()));
    if (evicted != null && !now.isBefore(evicted.at())) {
      return new ContainerState(
          false,
          false,
          state.restartCount(),
          null,
          state.currentStart(),
          evicted.at(),
          "Evicted",
          137,
          false,
          0,
          0,
          state.diskBytes());
    }
    return state;
  }

  public Optional<DeploymentTraffic> traffic(String namespace, String deployment) {
    return Optional.ofNullable(traffic.get(key(namespace, deployment)));
  }

  public Map<String, DeploymentTraffic> allTraffic() {
    return Map.copyOf(traffic);
  }

  public double cpuSeconds(PodRuntime pod) {
    return cpuSeconds.getOrDefault(key(pod.namespace(), pod.name()), 0.0);
  }

  /** Advances traffic and CPU counters by {@code dtSeconds}, ending at {@code now}. */
  public void tick(Instant now, double dtSeconds, Map<String, Integer> desiredReplicas) {
    for (PodRuntime pod : pods.values()) {
      ContainerState state = state(pod, now);
      cpuSeconds.merge(key(pod.namespace(), pod.name()), state.cpuCores() * dtSeconds, Double::sum);
    }
    for (var entry : baselineRps.entrySet()) {
      List<PodRuntime> members =
          pods.values().stream()
              .filter(p -> key(p.namespace(), p.workload()).equals(entry.getKey()))
              .toList();
      readyReplicas.put(
          entry.getKey(), (int) members.stream().filter(p -> state(p, now).ready()).count());
      int desired = desiredReplicas.getOrDefault(entry.getKey(), 1);
      traffic
          .computeIfAbsent(entry.getKey(), k -> new DeploymentTraffic())
          .advance(
              withDependencies(entry.getKey(), target(members, now, entry.getValue(), desired)),
              dtSeconds,
              timing.recovery().toMillis() / 1000.0);
    }
  }

  private DeploymentTraffic.TrafficTarget target(
      List<PodRuntime> members, Instant now, double baseline, int desired) {
    List<PodRuntime> ready = members.stream().filter(p -> state(p, now).ready()).toList();
    if (ready.isEmpty()) {
      double rps = desired == 0 && members.isEmpty() ? 0.0 : baseline;
      return new DeploymentTraffic.TrafficTarget(rps == 0 ? 0.0 : 1.0, 0.005, rps, "503");
    }
    double errors =
        ready.stream()
            .mapToDouble(p -> PodTimeline.errorRatio(effective(p), state(p, now)))
            .average()
            .orElse(0);
    ready = ready.stream().map(this::effective).toList();
    double p99 =
        ready.stream()
            .mapToDouble(p -> p.health().latencyP99().toMillis() / 1000.0)
            .average()
            .orElse(0.1);
    double multiplier =
        ready.stream().mapToDouble(p -> p.health().trafficMultiplier()).average().orElse(1.0);
    boolean saturated = ready.stream().anyMatch(p -> p.health().kind() == HealthKind.SATURATED);
    return new DeploymentTraffic.TrafficTarget(
        errors, p99, baseline * multiplier, saturated ? "503" : "500");
  }

  /**
   * A caller fails {@link #DEPENDENT_SHARE} of its requests as often as a dependency fails its own
   * (answering 502 for them, as a gateway does for an upstream's failure).
   */
  private DeploymentTraffic.TrafficTarget withDependencies(
      String caller, DeploymentTraffic.TrafficTarget own) {
    double failing = dependencyFailure(caller);
    if (failing <= 0 || own.requestsPerSecond() == 0) {
      return own;
    }
    double errors = own.errorRatio() + (1 - own.errorRatio()) * failing * DEPENDENT_SHARE;
    return new DeploymentTraffic.TrafficTarget(
        errors, own.p99Seconds(), own.requestsPerSecond(), "502");
  }

  /** How much the caller's dependencies fail now: the worst of their error ratios. */
  private double dependencyFailure(String caller) {
    String namespace = caller.substring(0, caller.indexOf('/'));
    return dependencies.getOrDefault(caller, List.of()).stream()
        .map(d -> traffic.get(key(namespace, d.callee())))
        .filter(java.util.Objects::nonNull)
        .mapToDouble(DeploymentTraffic::errorRatio)
        .max()
        .orElse(0);
  }

  /** Lines a caller logs while a dependency fails. */
  private List<String> dependencyLines(PodRuntime pod) {
    List<String> lines = new ArrayList<>();
    for (Dependency d :
        dependencies.getOrDefault(key(pod.namespace(), pod.workload()), List.of())) {
      DeploymentTraffic t = traffic.get(key(pod.namespace(), d.callee()));
      if (t != null && t.errorRatio() > 0.05) {
        lines.add(
            "ERROR upstream "
                + d.callee()
                + ":"
                + d.port()
                + " failed for POST /api/"
                + d.callee()
                + ": 503 Service Unavailable (no healthy upstream); answering 502");
      }
    }
    return lines;
  }

  /** The log lines of a container instance, as {@code pods/log} serves them. */
  public List<LogLine> logs(PodRuntime raw, boolean previous, Instant now) {
    PodRuntime pod = effective(raw);
    ContainerState state = timeline.at(pod, now);
    if (!state.started()) {
      throw ApiException.badRequest(
          "container \""
              + pod.container()
              + "\" in pod \""
              + pod.name()
              + "\" is waiting to start: ContainerCreating");
    }
    List<String> extra =
        new ArrayList<>(extraLogs.getOrDefault(key(pod.namespace(), pod.workload()), List.of()));
    extra.addAll(dependencyLines(pod));
    boolean crashLoop = state.crashLoopBackOff();
    if (previous || crashLoop) {
      if (state.lastTerminatedAt() == null) {
        throw ApiException.badRequest(
            "previous terminated container \""
                + pod.container()
                + "\" in pod \""
                + pod.name()
                + "\" not found");
      }
      return LogText.of(
          pod, extra, state.previousStart(), state.lastTerminatedAt(), state.lastReason());
    }
    return LogText.of(pod, extra, state.currentStart(), now, null);
  }

  /** CPU and memory of a started pod. */
  public Optional<List<ContainerUsage>> usage(PodRuntime pod, Instant now) {
    ContainerState state = state(pod, now);
    if (!state.started()) {
      return Optional.empty();
    }
    List<ContainerUsage> usage = new ArrayList<>();
    usage.add(new ContainerUsage(pod.container(), state.cpuCores(), state.memoryBytes()));
    return Optional.of(usage);
  }

  private record Condition(Health health, Instant since, boolean earlierPodsOnly) {}

  /** A kubelet eviction: when, and the reason it gave. */
  public record Eviction(Instant at, String message) {}

  private record Dependency(String callee, int port) {}

  public static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
