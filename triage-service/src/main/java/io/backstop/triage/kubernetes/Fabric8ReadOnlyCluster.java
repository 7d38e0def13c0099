package io.backstop.triage.kubernetes;

import io.backstop.events.signal.ConfigChange.ConfigKind;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
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
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.TailPrettyLoggable;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link ReadOnlyCluster} over a fabric8 client. The client stays private to this class, which
 * only calls {@code get}, {@code list}, {@code getLog}, {@code top()} and, for the metadata of
 * Secrets and ConfigMaps, a GET asking for {@code PartialObjectMetadataList} (the API server then
 * sends no data); the credentials it is built with are read-only as well (defense in depth: the
 * RBAC role grants get/list/watch and pods/log only).
 */
public final class Fabric8ReadOnlyCluster implements ReadOnlyCluster, AutoCloseable {

  static final String METADATA_ONLY =
      "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";

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
  public List<Pod> listPods(String namespace, int limit) {
    List<Pod> pods =
        client
            .pods()
            .inNamespace(namespace)
            .list(new ListOptionsBuilder().withLimit((long) limit).build())
            .getItems();
    return pods.size() > limit ? pods.subList(0, limit) : pods;
  }

  @Override
  public List<Event> listEvents(String namespace) {
    return client.v1().events().inNamespace(namespace).list().getItems();
  }

  @Override
  public List<Service> listServices(String namespace) {
    return client.services().inNamespace(namespace).list().getItems();
  }

  @Override
  public List<HorizontalPodAutoscaler> listAutoscalers(String namespace) {
    return client
        .autoscaling()
        .v2()
        .horizontalPodAutoscalers()
        .inNamespace(namespace)
        .list()
        .getItems();
  }

  @Override
  public List<NetworkPolicy> listNetworkPolicies(String namespace) {
    return client.network().v1().networkPolicies().inNamespace(namespace).list().getItems();
  }

  @Override
  public List<PersistentVolumeClaim> listPersistentVolumeClaims(String namespace) {
    return client.persistentVolumeClaims().inNamespace(namespace).list().getItems();
  }

  @Override
  public List<Job> listJobs(String namespace) {
    return client.batch().v1().jobs().inNamespace(namespace).list().getItems();
  }

  @Override
  public List<ObjectChange> listConfigMetadata(String namespace, ConfigKind kind) {
    String plural = kind == ConfigKind.SECRET ? "secrets" : "configmaps";
    String url =
        client.getConfiguration().getMasterUrl().replaceAll("/+$", "")
            + "/api/v1/namespaces/"
            + namespace
            + "/"
            + plural;
    HttpRequest request =
        client
            .getHttpClient()
            .newHttpRequestBuilder()
            .uri(url)
            .header("Accept", METADATA_ONLY)
            .timeout(client.getConfiguration().getRequestTimeout(), TimeUnit.MILLISECONDS)
            .build();
    try {
      HttpResponse<String> response =
          client
              .getHttpClient()
              .sendAsync(request, String.class)
              .get(client.getConfiguration().getRequestTimeout() + 1000L, TimeUnit.MILLISECONDS);
      if (response.code() != 200) {
        throw new KubernetesClientException(
            "listing " + plural + " metadata in " + namespace + ": HTTP " + response.code(),
            response.code(),
            null);
      }
      return ObjectMetadataList.parse(kind, namespace, response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubernetesClientException("interrupted listing " + plural + " metadata", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new KubernetesClientException("listing " + plural + " metadata in " + namespace, e);
    }
  }

  @Override
  public Optional<Node> getNode(String name) {
    return Optional.ofNullable(client.nodes().withName(name).get());
  }

  @Override
  public List<Pod> listPodsOnNode(String node, int limit) {
    List<Pod> pods =
        client
            .pods()
            .inAnyNamespace()
            .withField("spec.nodeName", node)
            .list(new ListOptionsBuilder().withLimit((long) limit).build())
            .getItems();
    return pods.size() > limit ? pods.subList(0, limit) : pods;
  }

  @Override
  public List<Event> listNodeEvents(String node) {
    return client
        .v1()
        .events()
        .inAnyNamespace()
        .withField("involvedObject.kind", "Node")
        .withField("involvedObject.name", node)
        .list()
        .getItems();
  }

  @Override
  public List<PodMetrics> listPodMetrics(String namespace, Map<String, String> selector) {
    return client.top().pods().inNamespace(namespace).withLabels(selector).metrics().getItems();
  }

  @Override
  public List<PodMetrics> listPodMetrics(String namespace) {
    return client.top().pods().metrics(namespace).getItems();
  }

  @Override
  public Optional<NodeMetrics> getNodeMetrics(String node) {
    return Optional.ofNullable(client.top().nodes().metrics(node));
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
