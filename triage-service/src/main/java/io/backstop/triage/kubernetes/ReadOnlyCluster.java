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

/**
 * Everything triage may ask of a cluster: get, list and read logs of Deployments, StatefulSets,
 * ReplicaSets, Pods, Services, Nodes, Events, HorizontalPodAutoscalers, NetworkPolicies,
 * PersistentVolumeClaims and Jobs, read pod and node usage from {@code metrics.k8s.io}, and read
 * the <em>metadata</em> of Secrets and ConfigMaps (when they changed and who wrote them; never
 * their data). There is no method that writes and none that returns a Secret, and the fabric8
 * client behind it is never handed out, so a write is impossible by construction (an architecture
 * test checks nothing in triage reaches around it). The values returned are plain model objects,
 * detached from any client.
 */
public interface ReadOnlyCluster {

  Optional<Deployment> getDeployment(String namespace, String name);

  List<Deployment> listDeployments(String namespace);

  List<StatefulSet> listStatefulSets(String namespace);

  List<ReplicaSet> listReplicaSets(String namespace);

  List<Pod> listPods(String namespace, Map<String, String> selector);

  /** Every pod of the namespace, at most {@code limit} (one page). */
  List<Pod> listPods(String namespace, int limit);

  List<Event> listEvents(String namespace);

  List<Service> listServices(String namespace);

  /**
   * The namespace's HorizontalPodAutoscalers (autoscaling/v2): which Deployment each scales, its
   * bounds, and its status and conditions. An autoscaled Deployment's replicas are the HPA's.
   */
  List<HorizontalPodAutoscaler> listAutoscalers(String namespace);

  /**
   * The namespace's NetworkPolicies (networking.k8s.io/v1): which pods each selects, what egress it
   * allows, and when and by whom it was written. A policy lies outside any Deployment's template.
   */
  List<NetworkPolicy> listNetworkPolicies(String namespace);

  /**
   * The namespace's PersistentVolumeClaims: the access modes each asks for (a ReadWriteOncePod
   * claim admits one pod, so a rollout that surges never finishes).
   */
  List<PersistentVolumeClaim> listPersistentVolumeClaims(String namespace);

  /**
   * The namespace's Jobs: a Helm chart's hook Job that migrated the schema at a revision's rollout
   * ({@link HookMigrations}).
   */
  List<Job> listJobs(String namespace);

  /**
   * The metadata of the namespace's Secrets or ConfigMaps, asked for as {@code
   * PartialObjectMetadataList} so no data crosses the wire: name, creation, and the last write
   * recorded in {@code managedFields}.
   */
  List<ObjectChange> listConfigMetadata(String namespace, ConfigKind kind);

  Optional<Node> getNode(String name);

  /** The pods of every namespace scheduled on a node, at most {@code limit}. */
  List<Pod> listPodsOnNode(String node, int limit);

  /** Events about a node (the kubelet's pressure and eviction events). */
  List<Event> listNodeEvents(String node);

  /**
   * The pods' current CPU and memory use from {@code metrics.k8s.io/v1beta1} (metrics-server).
   * Throws when the cluster serves no metrics API: the caller records the source as missing.
   */
  List<PodMetrics> listPodMetrics(String namespace, Map<String, String> selector);

  /** Every pod's usage in the namespace. */
  List<PodMetrics> listPodMetrics(String namespace);

  Optional<NodeMetrics> getNodeMetrics(String node);

  /** The last {@code lines} lines of a container's log, at most {@code maxBytes} bytes. */
  String readLog(
      String namespace, String pod, String container, boolean previous, int lines, int maxBytes);
}
