package io.backstop.triage.kubernetes;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.TailPrettyLoggable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link ReadOnlyCluster} over a fabric8 client. The client stays private to this class, which
 * only calls {@code get}, {@code list}, {@code getLog} and {@code top().pods().metrics()}; the
 * credentials it is built with are read-only as well (defense in depth: the RBAC role grants
 * get/list/watch and pods/log only).
 */
public final class Fabric8ReadOnlyCluster implements ReadOnlyCluster, AutoCloseable {

  private final KubernetesClient client;

  public Fabric8ReadOnlyCluster(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public Optional<Deployment> getDeployment(String namespace, String name) {
    return Optional.ofNullable(
        client.apps().deployments().inNamespace(namespace).withName(name).get());
  }

  @Override
  public List<Deployment> listDeployments(String namespace) {
    return client.apps().deployments().inNamespace(namespace).list().getItems();
  }

  @Override
  public List<StatefulSet> listStatefulSets(String namespace) {
    return client.apps().statefulSets().inNamespace(namespace).list().getItems();
  }

  @Override
  public List<ReplicaSet> listReplicaSets(String namespace) {
    return client.apps().replicaSets().inNamespace(namespace).list().getItems();
  }

  @Override
  public List<Pod> listPods(String namespace, Map<String, String> selector) {
    return client.pods().inNamespace(namespace).withLabels(selector).list().getItems();
  }

  @Override
  public List<Event> listEvents(String namespace) {
    return client.v1().events().inNamespace(namespace).list().getItems();
  }

  @Override
  public List<PodMetrics> listPodMetrics(String namespace, Map<String, String> selector) {
    return client.top().pods().inNamespace(namespace).withLabels(selector).metrics().getItems();
  }

  @Override
  public String readLog(
      String namespace, String pod, String container, boolean previous, int lines, int maxBytes) {
    ContainerResource resource =
        client
            .pods()
            .inNamespace(namespace)
            .withName(pod)
            .inContainer(container)
            .withReadyWaitTimeout(0);
    TailPrettyLoggable log = previous ? resource.terminated() : resource;
    try (Reader reader = log.tailingLines(lines).getLogReader()) {
      return LogTail.lastChars(reader, maxBytes);
    } catch (IOException e) {
      throw new UncheckedIOException("reading log of pod " + namespace + "/" + pod, e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
