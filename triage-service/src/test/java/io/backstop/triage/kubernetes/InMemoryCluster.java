package io.backstop.triage.kubernetes;

import io.backstop.events.signal.ConfigChange.ConfigKind;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A cluster held in memory behind the read-only facade, for gathering tests that need many objects
 * (a namespace of 200 workloads) or shapes the mock server cannot serve (nodes, metadata-only
 * lists). It answers exactly what was put in it; logs by pod name.
 */
public final class InMemoryCluster implements ReadOnlyCluster {

  public final List<Deployment> deployments = new ArrayList<>();
  public final List<StatefulSet> statefulSets = new ArrayList<>();
  public final List<ReplicaSet> replicaSets = new ArrayList<>();
  public final List<Pod> pods = new ArrayList<>();
  public final List<Event> events = new ArrayList<>();
  public final List<Service> services = new ArrayList<>();
  public final List<HorizontalPodAutoscaler> autoscalers = new ArrayList<>();
  public final List<NetworkPolicy> networkPolicies = new ArrayList<>();
  public final List<PersistentVolumeClaim> claims = new ArrayList<>();
  public final List<Job> jobs = new ArrayList<>();
  public final List<ObjectChange> config = new ArrayList<>();
  public final List<Node> nodes = new ArrayList<>();
  public final List<PodMetrics> podMetrics = new ArrayList<>();
  public final Map<String, NodeMetrics> nodeMetrics = new HashMap<>();
  public final Map<String, String> logs = new HashMap<>();

  @Override
  public Optional<Deployment> getDeployment(String namespace, String name) {
    return deployments.stream()
        .filter(d -> d.getMetadata().getName().equals(name))
        .filter(d -> namespace.equals(d.getMetadata().getNamespace()))
        .findFirst();
  }

  @Override
  public List<Deployment> listDeployments(String namespace) {
    return inNamespace(deployments, namespace);
  }

  @Override
  public List<StatefulSet> listStatefulSets(String namespace) {
    return inNamespace(statefulSets, namespace);
  }

  @Override
  public List<ReplicaSet> listReplicaSets(String namespace) {
    return inNamespace(replicaSets, namespace);
  }

  @Override
  public List<Pod> listPods(String namespace, Map<String, String> selector) {
    return inNamespace(pods, namespace).stream()
        .filter(
            p ->
                selector.entrySet().stream()
                    .allMatch(
                        e -> e.getValue().equals(p.getMetadata().getLabels().get(e.getKey()))))
        .toList();
  }

  @Override
  public List<Pod> listPods(String namespace, int limit) {
    return inNamespace(pods, namespace).stream().limit(limit).toList();
  }

  @Override
  public List<Event> listEvents(String namespace) {
    return inNamespace(events, namespace);
  }

  @Override
  public List<Service> listServices(String namespace) {
    return inNamespace(services, namespace);
  }

  @Override
  public List<HorizontalPodAutoscaler> listAutoscalers(String namespace) {
    return inNamespace(autoscalers, namespace);
  }

  @Override
  public List<NetworkPolicy> listNetworkPolicies(String namespace) {
    return inNamespace(networkPolicies, namespace);
  }

  @Override
  public List<PersistentVolumeClaim> listPersistentVolumeClaims(String namespace) {
    return inNamespace(claims, namespace);
  }

  @Override
  public List<Job> listJobs(String namespace) {
    return inNamespace(jobs, namespace);
  }

  @Override
  public List<ObjectChange> listConfigMetadata(String namespace, ConfigKind kind) {
    return config.stream()
        .filter(c -> c.kind() == kind && c.namespace().equals(namespace))
        .toList();
  }

  @Override
  public Optional<Node> getNode(String name) {
    return nodes.stream().filter(n -> n.getMetadata().getName().equals(name)).findFirst();
  }

  @Override
  public List<Pod> listPodsOnNode(String node, int limit) {
    return pods.stream()
        .filter(p -> p.getSpec() != null && node.equals(p.getSpec().getNodeName()))
        .limit(limit)
        .toList();
  }

  @Override
  public List<Event> listNodeEvents(String node) {
    return events.stream()
        .filter(e -> e.getInvolvedObject() != null)
        .filter(e -> "Node".equals(e.getInvolvedObject().getKind()))
        .filter(e -> node.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  @Override
  public List<PodMetrics> listPodMetrics(String namespace, Map<String, String> selector) {
    return listPodMetrics(namespace);
  }

  @Override
  public List<PodMetrics> listPodMetrics(String namespace) {
    return inNamespace(podMetrics, namespace);
  }

  @Override
  public Optional<NodeMetrics> getNodeMetrics(String node) {
    return Optional.ofNullable(nodeMetrics.get(node));
  }

  @Override
  public String readLog(
      String namespace, String pod, String container, boolean previous, int lines, int maxBytes) {
    return logs.getOrDefault(pod, "");
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> List<T> inNamespace(
      List<T> all, String namespace) {
    return all.stream()
        .filter(o -> Objects.equals(namespace, o.getMetadata().getNamespace()))
        .toList();
  }
}
