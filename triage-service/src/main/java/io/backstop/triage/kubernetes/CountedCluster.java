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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ReadOnlyCluster} that counts the API calls made through it, for one gathering: the count
 * goes into {@code Gathering.apiCalls}, so what an incident cost the API server is on its record.
 */
public final class CountedCluster implements ReadOnlyCluster {

  private final ReadOnlyCluster cluster;
  private final AtomicInteger calls = new AtomicInteger();

  public CountedCluster(ReadOnlyCluster cluster) {
    this.cluster = cluster;
  }

  /** The calls made so far. */
  public int calls() {
    return calls.get();
  }

  private void count() {
    calls.incrementAndGet();
  }

  @Override
  public Optional<Deployment> getDeployment(String namespace, String name) {
    count();
    return cluster.getDeployment(namespace, name);
  }

  @Override
  public List<Deployment> listDeployments(String namespace) {
    count();
    return cluster.listDeployments(namespace);
  }

  @Override
  public List<StatefulSet> listStatefulSets(String namespace) {
    count();
    return cluster.listStatefulSets(namespace);
  }

  @Override
  public List<ReplicaSet> listReplicaSets(String namespace) {
    count();
    return cluster.listReplicaSets(namespace);
  }

  @Override
  public List<Pod> listPods(String namespace, Map<String, String> selector) {
    count();
    return cluster.listPods(namespace, selector);
  }

  @Override
  public List<Pod> listPods(String namespace, int limit) {
    count();
    return cluster.listPods(namespace, limit);
  }

  @Override
  public List<Event> listEvents(String namespace) {
    count();
    return cluster.listEvents(namespace);
  }

  @Override
  public List<Service> listServices(String namespace) {
    count();
    return cluster.listServices(namespace);
  }

  @Override
  public List<HorizontalPodAutoscaler> listAutoscalers(String namespace) {
    count();
    return cluster.listAutoscalers(namespace);
  }

  @Override
  public List<NetworkPolicy> listNetworkPolicies(String namespace) {
    count();
    return cluster.listNetworkPolicies(namespace);
  }

  @Override
  public List<PersistentVolumeClaim> listPersistentVolumeClaims(String namespace) {
    count();
    return cluster.listPersistentVolumeClaims(namespace);
  }

  @Override
  public List<Job> listJobs(String namespace) {
    count();
    return cluster.listJobs(namespace);
  }

  @Override
  public List<ObjectChange> listConfigMetadata(String namespace, ConfigKind kind) {
    count();
    return cluster.listConfigMetadata(namespace, kind);
  }

  @Override
  public Optional<Node> getNode(String name) {
    count();
    return cluster.getNode(name);
  }

  @Override
  public List<Pod> listPodsOnNode(String node, int limit) {
    count();
    return cluster.listPodsOnNode(node, limit);
  }

  @Override
  public List<Event> listNodeEvents(String node) {
    count();
    return cluster.listNodeEvents(node);
  }

  @Override
  public List<PodMetrics> listPodMetrics(String namespace, Map<String, String> selector) {
    count();
    return cluster.listPodMetrics(namespace, selector);
  }

  @Override
  public List<PodMetrics> listPodMetrics(String namespace) {
    count();
    return cluster.listPodMetrics(namespace);
  }

  @Override
  public Optional<NodeMetrics> getNodeMetrics(String node) {
    count();
    return cluster.getNodeMetrics(node);
  }

  @Override
  public String readLog(
      String namespace, String pod, String container, boolean previous, int lines, int maxBytes) {
    count();
    return cluster.readLog(namespace, pod, container, previous, lines, maxBytes);
  }
}
