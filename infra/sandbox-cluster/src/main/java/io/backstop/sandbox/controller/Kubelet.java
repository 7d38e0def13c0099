package io.backstop.sandbox.controller;

import io.backstop.sandbox.store.ClusterStore;
import io.backstop.sandbox.workload.ContainerState;
import io.backstop.sandbox.workload.PodRuntime;
import io.backstop.sandbox.workload.WorkloadSimulator;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The kubelets' eviction manager, one per node: evicts a pod whose ephemeral storage passed its
 * container's limit; and when a node's memory runs low (less than {@link #EVICTION_THRESHOLD}
 * available), reports {@code MemoryPressure=True} and evicts, one per housekeeping interval, the
 * running pod that uses the most memory above its request (a pod within its request is never
 * chosen, as the real ranking goes), recording the kubelet's Evicted and the node's
 * EvictionThresholdMet events.
 */
final class Kubelet {

  /** The default hard eviction threshold, {@code memory.available<100Mi}. */
  static final long EVICTION_THRESHOLD = 100L << 20;

  private final ClusterStore store;
  private final WorkloadSimulator simulator;
  private final EventRecorder events;
  private final Duration housekeeping;
  private final Map<String, Instant> nextEviction = new HashMap<>();

  Kubelet(
      ClusterStore store,
      WorkloadSimulator simulator,
      EventRecorder events,
      Duration housekeeping) {
    this.store = store;
    this.simulator = simulator;
    this.events = events;
    this.housekeeping = housekeeping;
  }

  void tick(List<Pod> pods, Instant now) {
    for (Pod pod : pods) {
      running(pod, now)
          .filter(r -> r.runtime().ephemeralLimitBytes() > 0)
          .filter(r -> r.state().diskBytes() >= r.runtime().ephemeralLimitBytes())
          .ifPresent(
              r ->
                  evict(
                      pod,
                      "Pod ephemeral local storage usage exceeds the total limit of containers "
                          + mib(r.runtime().ephemeralLimitBytes())
                          + ".",
                      now));
    }
    for (Node node : store.list(Node.class, null)) {
      memory(node, pods, now);
    }
  }

  private void memory(Node node, List<Pod> pods, Instant now) {
    String name = node.getMetadata().getName();
    List<Running> on = new ArrayList<>();
    for (Pod pod : pods) {
      if (pod.getSpec() != null && name.equals(pod.getSpec().getNodeName())) {
        running(pod, now).ifPresent(on::add);
      }
    }
    long used = on.stream().mapToLong(r -> r.state().memoryBytes()).sum();
    long allocatable = allocatable(node);
    long available = allocatable - used;
    boolean pressure = available < EVICTION_THRESHOLD;
    setPressure(node, pressure, available, now);
    if (!pressure || now.isBefore(nextEviction.getOrDefault(name, Instant.MIN))) {
      return;
    }
    on.stream()
        .filter(r -> r.over() > 0)
        .max(Comparator.comparingLong(Running::over))
        .ifPresent(
            victim -> {
              nextEviction.put(name, now.plus(housekeeping));
              events.warning(
                  node, "kubelet", "EvictionThresholdMet", "Attempting to reclaim memory");
              evict(
                  victim.pod(),
                  "The node was low on resource: memory. Threshold quantity: "
                      + mib(EVICTION_THRESHOLD)
                      + ", available: "
                      + (Math.max(0, available) >> 10)
                      + "Ki. Container "
                      + victim.runtime().container()
                      + " was using "
                      + (victim.state().memoryBytes() >> 10)
                      + "Ki, request is "
                      + mib(victim.runtime().memoryRequestBytes())
                      + ", has larger consumption of memory.",
                  now);
            });
  }

  private void setPressure(Node node, boolean pressure, long available, Instant now) {
    String status = pressure ? "True" : "False";
    for (NodeCondition c : node.getStatus().getConditions()) {
      if (c.getType().equals("MemoryPressure") && !status.equals(c.getStatus())) {
        c.setStatus(status);
        c.setLastTransitionTime(now.toString());
        c.setReason(pressure ? "KubeletHasInsufficientMemory" : "KubeletHasSufficientMemory");
        c.setMessage(
            pressure
                ? "kubelet has insufficient memory available ("
                    + (Math.max(0, available) >> 20)
                    + "Mi)"
                : "kubelet has sufficient memory available");
        store.replace(node);
        events.normal(
            node,
            "kubelet",
            pressure ? "NodeHasInsufficientMemory" : "NodeHasSufficientMemory",
            "Node "
                + node.getMetadata().getName()
                + " status is now: "
                + (pressure ? "NodeHasInsufficientMemory" : "NodeHasSufficientMemory"));
        return;
      }
    }
  }

  private void evict(Pod pod, String message, Instant now) {
    String ns = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    simulator.evict(ns, name, now, message);
    events.warning(pod, "kubelet", "Evicted", message);
    events.normal(
        pod,
        "kubelet",
        "Killing",
        "Stopping container " + pod.getSpec().getContainers().get(0).getName());
  }

  private java.util.Optional<Running> running(Pod pod, Instant now) {
    String ns = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    if (simulator.eviction(ns, name).isPresent()) {
      return java.util.Optional.empty();
    }
    return simulator
        .pod(ns, name)
        .map(runtime -> new Running(pod, runtime, simulator.state(runtime, now)))
        .filter(r -> r.state().started());
  }

  private static long allocatable(Node node) {
    Quantity q =
        node.getStatus().getAllocatable() == null
            ? null
            : node.getStatus().getAllocatable().get("memory");
    return q == null ? Long.MAX_VALUE : Quantity.getAmountInBytes(q).longValue();
  }

  private static String mib(long bytes) {
    return (bytes >> 20) + "Mi";
  }

  private record Running(Pod pod, PodRuntime runtime, ContainerState state) {
    long over() {
      return state.memoryBytes() - runtime.memoryRequestBytes();
    }
  }
}
