package io.backstop.sandbox.controller;

import io.backstop.sandbox.store.ClusterStore;
import io.backstop.sandbox.workload.ContainerState;
import io.backstop.sandbox.workload.PodRuntime;
import io.backstop.sandbox.workload.WorkloadSimulator;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes each pod's status (phase, conditions, container state, restart count, last termination)
 * from the simulation, only when it changed, and records the kubelet's BackOff and OOM events as
 * restarts happen.
 */
public final class PodStatusWriter {

  private final ClusterStore store;
  private final WorkloadSimulator simulator;
  private final EventRecorder events;
  private final Map<String, String> written = new HashMap<>();

  public PodStatusWriter(ClusterStore store, WorkloadSimulator simulator, EventRecorder events) {
    this.store = store;
    this.simulator = simulator;
    this.events = events;
  }

  public void update(Pod pod, PodRuntime runtime, Instant now) {
    ContainerState state = simulator.state(runtime, now);
    String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    String previous = written.get(key);
    if (state.signature().equals(previous)
        && pod.getStatus() != null
        && pod.getStatus().getPhase() != null) {
      return;
    }
    var eviction = simulator.eviction(runtime.namespace(), runtime.name());
    if (eviction.isPresent()) {
      pod.setStatus(evicted(pod, runtime, eviction.get()));
      store.replace(pod);
      written.put(key, state.signature());
      return;
    }
    recordRestart(pod, runtime, state, previous);
    pod.setStatus(status(pod, runtime, state));
    store.replace(pod);
    written.put(key, state.signature());
  }

  public void forget(String namespace, String name) {
    written.remove(namespace + "/" + name);
  }

  private void recordRestart(Pod pod, PodRuntime runtime, ContainerState state, String previous) {
    if (state.restartCount() == 0 || state.signature().equals(previous)) {
      return;
    }
    if (state.crashLoopBackOff()) {
      events.warning(
          pod,
          "kubelet",
          "BackOff",
          "Back-off restarting failed container "
              + runtime.container()
              + " in pod "
              + runtime.name()
              + "_"
              + runtime.namespace()
              + "("
              + pod.getMetadata().getUid()
              + ")");
    } else if ("OOMKilled".equals(state.lastReason())) {
      events.warning(
          pod,
          "kubelet",
          "OOMKilling",
          "Memory cgroup out of memory: container "
              + runtime.container()
              + " exceeded its limit of "
              + (runtime.memoryLimitBytes() >> 20)
              + "Mi and was OOMKilled");
    }
  }

  /** An evicted pod: Failed, with the kubelet's reason and message, its container terminated. */
  private static PodStatus evicted(
      Pod pod, PodRuntime runtime, WorkloadSimulator.Eviction eviction) {
    String created = runtime.createdAt().toString();
    return new PodStatusBuilder()
        .withPhase("Failed")
        .withReason("Evicted")
        .withMessage(eviction.message())
        .withHostIP("10.0.0.1")
        .withStartTime(created)
        .withQosClass("Burstable")
        .withConditions(
            condition("PodScheduled", true, created),
            condition("Initialized", true, created),
            condition("ContainersReady", false, eviction.at().toString()),
            condition("Ready", false, eviction.at().toString()))
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName(runtime.container())
                .withImage(runtime.image())
                .withImageID("sandbox://" + runtime.image())
                .withReady(false)
                .withStarted(false)
                .withRestartCount(0)
                .withState(
                    new ContainerStateBuilder()
                        .withNewTerminated()
                        .withReason("ContainerStatusUnknown")
                        .withMessage(
                            "The container could not be located when the pod was terminated")
                        .withExitCode(137)
                        .withFinishedAt(eviction.at().toString())
                        .endTerminated()
                        .build())
                .build())
        .build();
  }

  private static PodStatus status(Pod pod, PodRuntime runtime, ContainerState state) {
    String created = runtime.createdAt().toString();
    boolean ready = state.ready();
    return new PodStatusBuilder()
        .withPhase(state.started() ? "Running" : "Pending")
        .withHostIP("10.0.0.1")
        .withPodIP(state.started() ? podIp(runtime.name()) : null)
        .withStartTime(created)
        .withQosClass("Burstable")
        .withConditions(
            condition("PodScheduled", true, created),
            condition("Initialized", true, created),
            condition("ContainersReady", ready, created),
            condition("Ready", ready, created))
        .withContainerStatuses(containerStatus(pod, runtime, state))
        .build();
  }

  private static ContainerStatus containerStatus(
      Pod pod, PodRuntime runtime, ContainerState state) {
    var builder =
        new ContainerStatusBuilder()
            .withName(runtime.container())
            .withImage(runtime.image())
            .withImageID("sandbox://" + runtime.image())
            .withContainerID(
                state.started()
                    ? "sandbox://" + pod.getMetadata().getUid() + "/" + state.restartCount()
                    : null)
            .withReady(state.ready())
            .withStarted(state.started() && !state.crashLoopBackOff())
            .withRestartCount(state.restartCount());
    if (!state.started()) {
      builder.withState(
          new ContainerStateBuilder()
              .withNewWaiting()
              .withReason("ContainerCreating")
              .endWaiting()
              .build());
    } else if (state.crashLoopBackOff()) {
      builder.withState(
          new ContainerStateBuilder()
              .withNewWaiting()
              .withReason("CrashLoopBackOff")
              .withMessage(
                  "back-off restarting failed container="
                      + runtime.container()
                      + " pod="
                      + runtime.name()
                      + "_"
                      + runtime.namespace())
              .endWaiting()
              .build());
    } else {
      builder.withState(
          new ContainerStateBuilder()
              .withNewRunning()
              .withStartedAt(state.currentStart().toString())
              .endRunning()
              .build());
    }
    if (state.lastReason() != null) {
      builder.withLastState(
          new ContainerStateBuilder()
              .withNewTerminated()
              .withReason(state.lastReason())
              .withExitCode(state.lastExitCode())
              .withStartedAt(state.previousStart().toString())
              .withFinishedAt(state.lastTerminatedAt().toString())
              .endTerminated()
              .build());
    }
    return builder.build();
  }

  private static PodCondition condition(String type, boolean status, String at) {
    return new PodConditionBuilder()
        .withType(type)
        .withStatus(status ? "True" : "False")
        .withLastTransitionTime(at)
        .build();
  }

  private static String podIp(String name) {
    int h = name.hashCode() & 0xffff;
    return "10.244." + (h >> 8) + "." + Math.max(2, h & 0xff);
  }
}
