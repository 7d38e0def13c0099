package io.backstop.triage.kubernetes;

import static io.backstop.events.fixtures.Fixtures.minutesAgo;

import io.backstop.events.MetadataKeys;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerConditionBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatusBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mother for namespaces of applications in an {@link InMemoryCluster}: each app is a Deployment
 * with its revisions (one ReplicaSet each, with pod-template hash, image, SHA), pods of its current
 * revision in a given state on a given node, env, Services, nodes, events and usage.
 */
public final class Apps {

  private final InMemoryCluster cluster;
  private final String namespace;

  public Apps(InMemoryCluster cluster, String namespace) {
    this.cluster = cluster;
    this.namespace = namespace;
  }

  public InMemoryCluster cluster() {
    return cluster;
  }

  /** How a pod of the current revision is. */
  public enum State {
    READY,
    CRASH_LOOP,
    OOM_KILLED,
    EVICTED_MEMORY,
    EVICTED_DISK,
    NOT_READY,
    /** Pending: the scheduler found no node for it (PodScheduled False, Unschedulable). */
    UNSCHEDULABLE
  }

  /** One application, built up and then added. */
  public final class App {
    final String name;
    int replicas = 2;
    final Map<String, String> env = new LinkedHashMap<>();
    final Map<String, String> secretEnv = new LinkedHashMap<>();
    final List<String[]> configMapMounts = new ArrayList<>();
    final Map<String, String> annotations = new LinkedHashMap<>();
    final List<Object[]> revisions = new ArrayList<>();
    String memoryLimit = "512Mi";
    String memoryRequest = "256Mi";
    Deployment deployment;
    ReplicaSet current;

    App(String name) {
      this.name = name;
    }

    public App replicas(int n) {
      replicas = n;
      return this;
    }

    public App env(String key, String value) {
      env.put(key, value);
      return this;
    }

    /** An env var read from a Secret key. */
    public App secretEnv(String key, String secret) {
      secretEnv.put(key, secret);
      return this;
    }

    /**
     * A ConfigMap mounted at {@code path}: whole when {@code subPath} is null, else the one key
     * {@code subPath} (the kubelet never refreshes a subPath mount).
     */
    public App configMapVolume(String configMap, String path, String subPath) {
      configMapMounts.add(new String[] {configMap, path, subPath});
      return this;
    }

    public App annotation(String key, String value) {
      annotations.put(key, value);
      return this;
    }

    public App memory(String request, String limit) {
      memoryRequest = request;
      memoryLimit = limit;
      return this;
    }

    /** A revision, oldest first; the last one added is current. */
    public App revision(long number, String hash, String image, String sha, long minutesAgo) {
      revisions.add(new Object[] {number, hash, image, sha, minutesAgo, null});
      return this;
    }

    /** A revision whose template sets one more env var (a kubectl set env). */
    public App envRevision(
        long number, String hash, String image, String sha, long minutesAgo, String extra) {
      revisions.add(new Object[] {number, hash, image, sha, minutesAgo, extra});
      return this;
    }

    public App add() {
      Map<String, String> labels = Map.of("app", name);
      long last = (long) revisions.get(revisions.size() - 1)[0];
      deployment =
          new DeploymentBuilder()
              .withNewMetadata()
              .withName(name)
              .withNamespace(namespace)
              .withUid(name + "-uid")
              .withLabels(labels)
              .withAnnotations(
                  merged(annotations, Map.of(MetadataKeys.REVISION, Long.toString(last))))
              .endMetadata()
              .withNewSpec()
              .withReplicas(replicas)
              .withNewSelector()
              .withMatchLabels(labels)
              .endSelector()
              .withTemplate(template(image(revisions.size() - 1), extra(revisions.size() - 1)))
              .endSpec()
              .withNewStatus()
              .withReplicas(replicas)
              .withReadyReplicas(replicas)
              .endStatus()
              .build();
      cluster.deployments.add(deployment);
      for (int i = 0; i < revisions.size(); i++) {
        Object[] r = revisions.get(i);
        boolean isCurrent = i == revisions.size() - 1;
        ReplicaSet rs =
            new ReplicaSetBuilder()
                .withNewMetadata()
                .withName(name + "-" + r[1])
                .withNamespace(namespace)
                .withLabels(merged(labels, Map.of(MetadataKeys.POD_TEMPLATE_HASH, (String) r[1])))
                .withAnnotations(
                    r[3] == null
                        ? Map.of(MetadataKeys.REVISION, r[0].toString())
                        : Map.of(
                            MetadataKeys.REVISION,
                            r[0].toString(),
                            MetadataKeys.GIT_SHA,
                            (String) r[3]))
                .withCreationTimestamp(minutesAgo((long) r[4]).toString())
                .addNewOwnerReference()
                .withKind("Deployment")
                .withName(name)
                .withUid(name + "-uid")
                .withController(true)
                .endOwnerReference()
                .endMetadata()
                .withNewSpec()
                .withReplicas(isCurrent ? replicas : 0)
                .withTemplate(template(image(i), extra(i)))
                .endSpec()
                .withNewStatus()
                .withReadyReplicas(isCurrent ? replicas : 0)
                .endStatus()
                .build();
        cluster.replicaSets.add(rs);
        if (isCurrent) {
          current = rs;
        }
      }
      return this;
    }

    private String image(int i) {
      return (String) revisions.get(i)[2];
    }

    private String extra(int i) {
      return (String) revisions.get(i)[5];
    }

    PodTemplateSpec template(String image, String extra) {
      List<EnvVar> vars = new ArrayList<>();
      env.forEach((k, v) -> vars.add(new EnvVar(k, v, null)));
      secretEnv.forEach(
          (k, s) ->
              vars.add(
                  new EnvVarBuilder()
                      .withName(k)
                      .withNewValueFrom()
                      .withNewSecretKeyRef()
                      .withName(s)
                      .withKey("password")
                      .endSecretKeyRef()
                      .endValueFrom()
                      .build()));
      if (extra != null) {
        String[] kv = extra.split("=");
        vars.add(new EnvVar(kv[0], kv[1], null));
      }
      return new PodTemplateSpecBuilder()
          .withNewMetadata()
          .withLabels(Map.of("app", name))
          .endMetadata()
          .withNewSpec()
          .withContainers(mounted(container(image, vars, memoryLimit)))
          .withVolumes(
              configMapMounts.stream()
                  .map(
                      m ->
                          new VolumeBuilder()
                              .withName("cm-" + m[0])
                              .withNewConfigMap()
                              .withName(m[0])
                              .endConfigMap()
                              .build())
                  .toList())
          .endSpec()
          .build();
    }

    private Container mounted(Container c) {
      return new ContainerBuilder(c)
          .withVolumeMounts(
              configMapMounts.stream()
                  .map(
                      m ->
                          new VolumeMountBuilder()
                              .withName("cm-" + m[0])
                              .withMountPath(m[1])
                              .withSubPath(m[2])
                              .build())
                  .toList())
          .build();
    }

    Container container(String image, List<EnvVar> vars, String limit) {
      return new ContainerBuilder()
          .withName(name)
          .withImage(image)
          .withEnv(vars)
          .withNewResources()
          .withRequests(Map.of("memory", new Quantity(memoryRequest)))
          .withLimits(Map.of("memory", new Quantity(limit)))
          .endResources()
          .build();
    }

    /** Pods of the current revision in a state, on a node, started {@code minutesAgo}. */
    public App pods(State state, String node, long minutesAgo, int count) {
      for (int i = 0; i < count; i++) {
        Pod pod =
            pod(
                current.getMetadata().getName() + "-p" + cluster.pods.size(),
                state,
                node,
                minutesAgo);
        cluster.pods.add(pod);
      }
      return this;
    }

    /** A running pod whose memory limit a webhook rewrote, annotated as Kyverno annotates. */
    public App mutatedPods(String limit, String policy, String node, int count) {
      for (int i = 0; i < count; i++) {
        Pod pod =
            pod(
                current.getMetadata().getName() + "-m" + cluster.pods.size(),
                State.OOM_KILLED,
                node,
                20);
        pod.getSpec()
            .getContainers()
            .get(0)
            .getResources()
            .getLimits()
            .put("memory", new Quantity(limit));
        pod.getMetadata()
            .setAnnotations(
                Map.of(
                    "policies.kyverno.io/last-applied-patches",
                    policy
                        + ".set-memory-limit.kyverno.io: replaced /spec/containers/0/resources/limits/memory"));
        cluster.pods.add(pod);
      }
      return this;
    }

    Pod pod(String podName, State state, String node, long minutesAgo) {
      var status =
          new ContainerStatusBuilder().withName(name).withImage(image(revisions.size() - 1));
      String phase = "Running";
      String reason = null;
      String message = null;
      switch (state) {
        case READY ->
            status
                .withReady(true)
                .withRestartCount(0)
                .withNewState()
                .withNewRunning()
                .endRunning()
                .endState();
        case NOT_READY ->
            status
                .withReady(false)
                .withRestartCount(0)
                .withNewState()
                .withNewRunning()
                .endRunning()
                .endState();
        case CRASH_LOOP ->
            status
                .withReady(false)
                .withRestartCount(6)
                .withNewState()
                .withNewWaiting()
                .withReason("CrashLoopBackOff")
                .endWaiting()
                .endState()
                .withNewLastState()
                .withNewTerminated()
                .withReason("Error")
                .withExitCode(1)
                .endTerminated()
                .endLastState();
        case OOM_KILLED ->
            status
                .withReady(true)
                .withRestartCount(2)
                .withNewState()
                .withNewRunning()
                .endRunning()
                .endState()
                .withNewLastState()
                .withNewTerminated()
                .withReason("OOMKilled")
                .withExitCode(137)
                .endTerminated()
                .endLastState();
        case UNSCHEDULABLE -> phase = "Pending";
        case EVICTED_MEMORY, EVICTED_DISK -> {
          phase = "Failed";
          reason = "Evicted";
          message =
              state == State.EVICTED_MEMORY
                  ? "The node was low on resource: memory. Threshold quantity: 100Mi, available: 40Mi."
                  : "Pod ephemeral local storage usage exceeds the total limit of containers 1Gi.";
        }
      }
      return new PodBuilder()
          .withNewMetadata()
          .withName(podName)
          .withNamespace(namespace)
          .withLabels(
              Map.of(
                  "app",
                  name,
                  MetadataKeys.POD_TEMPLATE_HASH,
                  Rollouts.templateHash(current).orElse("")))
          .withCreationTimestamp(minutesAgo(minutesAgo).toString())
          .addNewOwnerReference()
          .withKind("ReplicaSet")
          .withName(current.getMetadata().getName())
          .withController(true)
          .endOwnerReference()
          .endMetadata()
          .withSpec(
              current.getSpec().getTemplate().getSpec().toBuilder()
                  .withNodeName(state == State.UNSCHEDULABLE ? null : node)
                  .build())
          .withNewStatus()
          .withPhase(phase)
          .withReason(reason)
          .withMessage(message)
          .withConditions(
              state == State.UNSCHEDULABLE
                  ? List.of(
                      new PodConditionBuilder()
                          .withType("PodScheduled")
                          .withStatus("False")
                          .withReason("Unschedulable")
                          .withMessage(
                              "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3"
                                  + " nodes are available: 3 No preemption victims found.")
                          .build())
                  : List.of())
          .withContainerStatuses(
              state == State.EVICTED_MEMORY
                      || state == State.EVICTED_DISK
                      || state == State.UNSCHEDULABLE
                  ? List.of()
                  : List.of(status.build()))
          .endStatus()
          .build();
    }

    /** The usage of each of its pods, from the metrics API. */
    public App usage(String memory) {
      for (Pod p : cluster.pods) {
        if (p.getMetadata().getName().startsWith(name + "-")
            && !"Failed".equals(p.getStatus().getPhase())) {
          cluster.podMetrics.add(
              new PodMetricsBuilder()
                  .withNewMetadata()
                  .withName(p.getMetadata().getName())
                  .withNamespace(namespace)
                  .endMetadata()
                  .addNewContainer()
                  .withName(name)
                  .withUsage(Map.of("cpu", new Quantity("100m"), "memory", new Quantity(memory)))
                  .endContainer()
                  .build());
        }
      }
      return this;
    }

    /** Someone wrote spec.replicas, and the deployment controller scaled the current ReplicaSet. */
    public App scaledBy(String manager, int from, int to, long minutesAgo) {
      deployment.getSpec().setReplicas(to);
      deployment
          .getMetadata()
          .setManagedFields(
              List.of(
                  new ManagedFieldsEntryBuilder()
                      .withManager(manager)
                      .withOperation("Update")
                      .withSubresource("scale")
                      .withTime(minutesAgo(minutesAgo).toString())
                      .withNewFieldsV1()
                      .addToAdditionalProperties("f:spec", Map.of("f:replicas", Map.of()))
                      .endFieldsV1()
                      .build()));
      event(
          "Deployment",
          name,
          "Normal",
          "ScalingReplicaSet",
          "Scaled down replica set "
              + current.getMetadata().getName()
              + " from "
              + from
              + " to "
              + to,
          minutesAgo);
      return this;
    }
  }

  public App app(String name) {
    return new App(name);
  }

  public void service(String name, String app) {
    cluster.services.add(
        new ServiceBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .endMetadata()
            .withNewSpec()
            .withSelector(Map.of("app", app))
            .endSpec()
            .build());
  }

  public void configMap(String name, long changedMinutesAgo, long createdMinutesAgo, String by) {
    cluster.config.add(
        new ObjectChange(
            io.backstop.events.signal.ConfigChange.ConfigKind.CONFIG_MAP,
            namespace,
            name,
            minutesAgo(createdMinutesAgo),
            minutesAgo(changedMinutesAgo),
            by));
  }

  public void secret(String name, long changedMinutesAgo, long createdMinutesAgo) {
    cluster.config.add(
        new ObjectChange(
            io.backstop.events.signal.ConfigChange.ConfigKind.SECRET,
            namespace,
            name,
            minutesAgo(createdMinutesAgo),
            minutesAgo(changedMinutesAgo),
            "external-secrets"));
  }

  public void node(String name, String allocatable, boolean memoryPressure) {
    cluster.nodes.add(
        new NodeBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withNewStatus()
            .withAllocatable(Map.of("memory", new Quantity(allocatable)))
            .addNewCondition()
            .withType("MemoryPressure")
            .withStatus(memoryPressure ? "True" : "False")
            .withLastTransitionTime(minutesAgo(9).toString())
            .endCondition()
            .endStatus()
            .build());
  }

  /**
   * A node without memory pressure whose other conditions (as node-problem-detector sets them) are
   * true, e.g. KernelDeadlock; Ready stays True.
   */
  public void nodeWithProblems(String name, String allocatable, String... problems) {
    var status =
        new NodeBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withNewStatus()
            .withAllocatable(Map.of("memory", new Quantity(allocatable)))
            .addNewCondition()
            .withType("MemoryPressure")
            .withStatus("False")
            .endCondition()
            .addNewCondition()
            .withType("Ready")
            .withStatus("True")
            .endCondition();
    for (String problem : problems) {
      status =
          status
              .addNewCondition()
              .withType(problem)
              .withStatus("True")
              .withReason("TaskHung")
              .withMessage("task blocked for more than 120 seconds")
              .withLastTransitionTime(minutesAgo(14).toString())
              .endCondition();
    }
    cluster.nodes.add(status.endStatus().build());
  }

  public void event(
      String kind, String object, String type, String reason, String message, long minutesAgo) {
    Instant at = minutesAgo(minutesAgo);
    cluster.events.add(
        new EventBuilder()
            .withNewMetadata()
            .withName(object + "." + cluster.events.size())
            .withNamespace(namespace)
            .endMetadata()
            .withNewInvolvedObject()
            .withKind(kind)
            .withName(object)
            .withNamespace(namespace)
            .endInvolvedObject()
            .withType(type)
            .withReason(reason)
            .withMessage(message)
            .withCount(1)
            .withFirstTimestamp(at.toString())
            .withLastTimestamp(at.toString())
            .build());
  }

  private static Map<String, String> merged(Map<String, String> a, Map<String, String> b) {
    Map<String, String> out = new HashMap<>(a);
    out.putAll(b);
    return out;
  }

  /**
   * An HPA of {@code target} on CPU utilization 60%, with its replicas, the CPU it reads and its
   * ScalingLimited condition (reason, or null for none).
   */
  public static HorizontalPodAutoscaler hpa(
      String namespace,
      String name,
      String kind,
      String target,
      int min,
      int max,
      int current,
      int desired,
      Integer cpu,
      String limitedReason) {
    List<HorizontalPodAutoscalerCondition> conditions = new ArrayList<>();
    conditions.add(
        new HorizontalPodAutoscalerConditionBuilder()
            .withType("AbleToScale")
            .withStatus("True")
            .withReason("ReadyForNewScale")
            .build());
    if (limitedReason != null) {
      conditions.add(
          new HorizontalPodAutoscalerConditionBuilder()
              .withType("ScalingLimited")
              .withStatus("True")
              .withReason(limitedReason)
              .withMessage(
                  limitedReason.equals("TooManyReplicas")
                      ? "the desired replica count is more than the maximum replica count"
                      : "the desired replica count is less than the minimum replica count")
              .withLastTransitionTime("2026-11-24T09:46:00Z")
              .build());
    }
    var builder =
        new HorizontalPodAutoscalerBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .endMetadata()
            .withNewSpec()
            .withNewScaleTargetRef()
            .withApiVersion("apps/v1")
            .withKind(kind)
            .withName(target)
            .endScaleTargetRef()
            .withMinReplicas(min)
            .withMaxReplicas(max)
            .addNewMetric()
            .withType("Resource")
            .withNewResource()
            .withName("cpu")
            .withNewTarget()
            .withType("Utilization")
            .withAverageUtilization(60)
            .endTarget()
            .endResource()
            .endMetric()
            .endSpec()
            .withNewStatus()
            .withCurrentReplicas(current)
            .withDesiredReplicas(desired)
            .withConditions(conditions);
    if (cpu != null) {
      builder.withCurrentMetrics(
          new MetricStatusBuilder()
              .withType("Resource")
              .withNewResource()
              .withName("cpu")
              .withNewCurrent()
              .withAverageUtilization(cpu)
              .endCurrent()
              .endResource()
              .build());
    }
    return builder.endStatus().build();
  }
}
