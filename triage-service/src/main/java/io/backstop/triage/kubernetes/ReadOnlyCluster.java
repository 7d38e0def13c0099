package io.backstop.triage.kubernetes;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything triage may ask of a cluster: get, list and read logs of Deployments, StatefulSets,
 * ReplicaSets, Pods and Events, and read pod usage from {@code metrics.k8s.io}. There is no method
 * that writes and none that reads a Secret, and the fabric8 client behind it is never handed out,
 * so a write is impossible by construction (an architecture test checks nothing in triage reaches
 * around it). The values returned are plain model objects, detached from any client.
 */
public interface ReadOnlyCluster {

  Optional<Deployment> getDeployment(String namespace, String name);

  List<Deployment> listDeployments(String namespace);

  List<StatefulSet> listStatefulSets(String namespace);

  List<ReplicaSet> listReplicaSets(String namespace);

  List<Pod> listPods(String namespace, Map<String, String> selector);

  List<Event> listEvents(String namespace);

  /**
   * The pods' current CPU and memory use from {@code metrics.k8s.io/v1beta1} (metrics-server).
   * Throws when the cluster serves no metrics API: the caller records the source as missing.
   */
  List<PodMetrics> listPodMetrics(String namespace, Map<String, String> selector);

  /** The last {@code lines} lines of a container's log, at most {@code maxBytes} bytes. */
  String readLog(
      String namespace, String pod, String container, boolean previous, int lines, int maxBytes);
}
