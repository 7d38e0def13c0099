package io.backstop.sandbox.controller;

import io.backstop.sandbox.spec.MutationSpec;
import io.backstop.sandbox.store.ClusterStore;
import io.backstop.sandbox.workload.PodRuntime;
import io.backstop.sandbox.workload.WorkloadSimulator;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Creates pods from a template for a controller (ReplicaSet or StatefulSet) as the API server,
 * scheduler and kubelet would: applies the mutating policy that rewrites the workload's pods, if
 * any (recording its patch in an annotation, as Kyverno does), schedules them on their workload's
 * node, registers them with the workload simulator and records the kubelet's
 * Scheduled/Pulled/Created/Started events.
 */
public final class PodFactory {

  /** The annotation a Kyverno mutating policy writes on the pods it patched. */
  static final String MUTATION_ANNOTATION = "policies.kyverno.io/last-applied-patches";

  private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final long DEFAULT_MEMORY_LIMIT = 512L << 20;
  private static final long DEFAULT_CPU_LIMIT = 500;

  private final ClusterStore store;
  private final WorkloadSimulator simulator;
  private final EventRecorder events;
  private final PodPolicies policies;
  private final Random random;

  public PodFactory(
      ClusterStore store,
      WorkloadSimulator simulator,
      EventRecorder events,
      PodPolicies policies,
      long seed) {
    this.store = store;
    this.simulator = simulator;
    this.events = events;
    this.policies = policies;
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
    String namespace = owner.getMetadata().getNamespace();
    Map<String, String> annotations = new HashMap<>();
    if (template.getMetadata() != null && template.getMetadata().getAnnotations() != null) {
      annotations.putAll(template.getMetadata().getAnnotations());
    }
    PodSpec spec = store.json().clone(template.getSpec());
    Container container = spec.getContainers().get(0);
    long sizedFor = limit(container, "memory", DEFAULT_MEMORY_LIMIT, BigDecimal.ONE);
    policies.mutation(namespace, workload).ifPresent(m -> mutate(container, m, annotations));
    spec.setNodeName(policies.node(namespace, workload));
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(labels)
            .withAnnotations(annotations.isEmpty() ? null : annotations)
            .withCreationTimestamp(createdAt.toString())
            .withOwnerReferences(Owners.controllerRef(owner))
            .endMetadata()
            .withSpec(spec)
            .build();
    Pod stored = store.create(pod);
    store.backdate(stored, createdAt);
    stored.getMetadata().setCreationTimestamp(createdAt.toString());
    register(stored, workload, createdAt, (long) (sizedFor * PodRuntime.BASE_MEMORY_FRACTION));
    recordStart(stored, createdAt);
    return stored;
  }

  /** A mutating policy rewrote the container's memory limit on admission. */
  private static void mutate(
      Container container, MutationSpec mutation, Map<String, String> annotations) {
    Map<String, Quantity> limits = new HashMap<>();
    if (container.getResources().getLimits() != null) {
      limits.putAll(container.getResources().getLimits());
    }
    limits.put("memory", new Quantity(mutation.memoryLimit()));
    container.getResources().setLimits(limits);
    annotations.put(
        MUTATION_ANNOTATION,
        mutation.name()
            + ".set-memory-limit.kyverno.io: replaced /spec/containers/0/resources/limits/memory");
  }

  /** Registers a pod the simulator does not know yet (for example one created over the API). */
  public PodRuntime register(Pod pod, String workload, Instant createdAt) {
    return register(pod, workload, createdAt, 0);
  }

  private PodRuntime register(Pod pod, String workload, Instant createdAt, long baseMemory) {
    Container container = pod.getSpec().getContainers().get(0);
    String namespace = pod.getMetadata().getNamespace();
    PodRuntime runtime =
        new PodRuntime(
            namespace,
            pod.getMetadata().getName(),
            workload,
            container.getName(),
            container.getImage(),
            policies.health(namespace, workload, container),
            limit(container, "memory", DEFAULT_MEMORY_LIMIT, BigDecimal.ONE),
            limit(container, "cpu", DEFAULT_CPU_LIMIT, BigDecimal.valueOf(1000)),
            createdAt,
            baseMemory,
            request(container, "memory"),
            limit(container, "ephemeral-storage", -1, BigDecimal.ONE),
            pod.getSpec().getNodeName() == null ? "" : pod.getSpec().getNodeName(),
            false);
    simulator.register(runtime);
    return runtime;
  }

  private static long request(Container container, String resource) {
    if (container.getResources() == null || container.getResources().getRequests() == null) {
      return 0;
    }
    Quantity quantity = container.getResources().getRequests().get(resource);
    return quantity == null ? 0 : Quantity.getAmountInBytes(quantity).longValue();
  }

  private void recordStart(Pod pod, Instant at) {
    String name = pod.getMetadata().getName();
    Container container = pod.getSpec().getContainers().get(0);
    events.normalAt(
        pod,
        "default-scheduler",
        "Scheduled",
        "Successfully assigned "
            + pod.getMetadata().getNamespace()
            + "/"
            + name
            + " to "
            + pod.getSpec().getNodeName(),
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
