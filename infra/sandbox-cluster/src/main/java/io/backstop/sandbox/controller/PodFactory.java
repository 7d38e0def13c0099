package io.backstop.sandbox.controller;

import io.backstop.sandbox.spec.Health;
import io.backstop.sandbox.store.ClusterStore;
import io.backstop.sandbox.workload.PodRuntime;
import io.backstop.sandbox.workload.WorkloadSimulator;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Creates pods from a template for a controller (ReplicaSet or StatefulSet), schedules them on the
 * sandbox's one node, registers them with the workload simulator and records the kubelet's
 * Scheduled/Pulled/Created/Started events.
 */
public final class PodFactory {

  static final String NODE = "sandbox-node-1";
  private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final long DEFAULT_MEMORY_LIMIT = 512L << 20;
  private static final long DEFAULT_CPU_LIMIT = 500;

  private final ClusterStore store;
  private final WorkloadSimulator simulator;
  private final EventRecorder events;
  private final Function<String, Health> healthOf;
  private final Random random;

  public PodFactory(
      ClusterStore store,
      WorkloadSimulator simulator,
      EventRecorder events,
      Function<String, Health> healthOf,
      long seed) {
    this.store = store;
    this.simulator = simulator;
    this.events = events;
    this.healthOf = healthOf;
    this.random = new Random(seed);
  }

  /** A random pod name suffix, as the ReplicaSet controller generates. */
  String suffix() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      out.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
    }
    return out.toString();
  }

  /**
   * Creates a pod started at {@code createdAt}, owned by {@code owner}, part of {@code workload}.
   */
  public Pod create(
      HasMetadata owner,
      String name,
      PodTemplateSpec template,
      Map<String, String> extraLabels,
      String workload,
      Instant createdAt) {
    Map<String, String> labels = new HashMap<>();
    if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
      labels.putAll(template.getMetadata().getLabels());
    }
    labels.putAll(extraLabels);
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(owner.getMetadata().getNamespace())
            .withLabels(labels)
            .withAnnotations(
                template.getMetadata() == null ? null : template.getMetadata().getAnnotations())
            .withCreationTimestamp(createdAt.toString())
            .withOwnerReferences(Owners.controllerRef(owner))
            .endMetadata()
            .withSpec(template.getSpec())
            .build();
    pod.getSpec().setNodeName(NODE);
    Pod stored = store.create(pod);
    store.backdate(stored, createdAt);
    stored.getMetadata().setCreationTimestamp(createdAt.toString());
    register(stored, workload, createdAt);
    recordStart(stored, createdAt);
    return stored;
  }

  /** Registers a pod the simulator does not know yet (for example one created over the API). */
  public PodRuntime register(Pod pod, String workload, Instant createdAt) {
    Container container = pod.getSpec().getContainers().get(0);
    PodRuntime runtime =
        new PodRuntime(
            pod.getMetadata().getNamespace(),
            pod.getMetadata().getName(),
            workload,
            container.getName(),
            container.getImage(),
            healthOf.apply(container.getImage()),
            limit(container, "memory", DEFAULT_MEMORY_LIMIT, BigDecimal.ONE),
            limit(container, "cpu", DEFAULT_CPU_LIMIT, BigDecimal.valueOf(1000)),
            createdAt);
    simulator.register(runtime);
    return runtime;
  }

  private void recordStart(Pod pod, Instant at) {
    String name = pod.getMetadata().getName();
    Container container = pod.getSpec().getContainers().get(0);
    events.normalAt(
        pod,
        "default-scheduler",
        "Scheduled",
        "Successfully assigned " + pod.getMetadata().getNamespace() + "/" + name + " to " + NODE,
        at);
    events.normalAt(
        pod,
        "kubelet",
        "Pulled",
        "Container image \"" + container.getImage() + "\" already present on machine",
        at);
    events.normalAt(pod, "kubelet", "Created", "Created container: " + container.getName(), at);
    events.normalAt(pod, "kubelet", "Started", "Started container " + container.getName(), at);
  }

  private static long limit(Container container, String resource, long fallback, BigDecimal scale) {
    if (container.getResources() == null || container.getResources().getLimits() == null) {
      return fallback;
    }
    Quantity quantity = container.getResources().getLimits().get(resource);
    if (quantity == null) {
      return fallback;
    }
    return Quantity.getAmountInBytes(quantity).multiply(scale).longValue();
  }
}
