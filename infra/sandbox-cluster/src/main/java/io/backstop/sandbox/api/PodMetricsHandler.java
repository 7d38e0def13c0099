package io.backstop.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backstop.sandbox.spec.Quantities;
import io.backstop.sandbox.store.ClusterStore;
import io.backstop.sandbox.store.ResourceType;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import java.time.Clock;
import java.util.List;

/**
 * {@code metrics.k8s.io/v1beta1} pod and node metrics, as metrics-server serves them, so {@code
 * kubectl top} and fabric8's {@code top()} work. A node's usage is the sum of its running pods'.
 */
final class PodMetricsHandler {

  private final ClusterStore store;
  private final Responses responses;
  private final ObjectMapper mapper;
  private final Simulation simulation;
  private final Clock clock;

  PodMetricsHandler(
      ClusterStore store,
      Responses responses,
      ObjectMapper mapper,
      Simulation simulation,
      Clock clock) {
    this.store = store;
    this.responses = responses;
    this.mapper = mapper;
    this.simulation = simulation;
    this.clock = clock;
  }

  MockResponse handle(ApiRequest request, ResourcePath path) {
    boolean nodes = "nodes".equals(path.resource());
    if (!(nodes || "pods".equals(path.resource())) || !path.subresource().isEmpty()) {
      throw ApiException.notFound(
          "the sandbox cluster serves pod and node metrics under metrics.k8s.io, not "
              + path.resource());
    }
    if (!"GET".equals(request.method())) {
      throw new ApiException(405, "MethodNotAllowed", "metrics are read-only");
    }
    if (nodes) {
      return nodes(path);
    }
    List<Pod> pods = pods(request, path);
    if (!path.isCollection()) {
      ObjectNode item =
          pods.stream()
              .filter(p -> p.getMetadata().getName().equals(path.name()))
              .findFirst()
              .map(this::item)
              .filter(n -> n.has("containers"))
              .orElseThrow(
                  () ->
                      ApiException.notFound(
                          "podmetrics.metrics.k8s.io \"" + path.name() + "\" not found"));
      return responses.json(200, item.toString());
    }
    ObjectNode list = mapper.createObjectNode();
    list.put("kind", "PodMetricsList");
    list.put("apiVersion", "metrics.k8s.io/v1beta1");
    list.putObject("metadata");
    ArrayNode items = list.putArray("items");
    pods.stream().map(this::item).filter(n -> n.has("containers")).forEach(items::add);
    return responses.json(200, list.toString());
  }

  private MockResponse nodes(ResourcePath path) {
    List<ObjectNode> items = new java.util.ArrayList<>();
    for (var node : store.list(io.fabric8.kubernetes.api.model.Node.class, null)) {
      String name = node.getMetadata().getName();
      if (path.isCollection() || name.equals(path.name())) {
        items.add(nodeItem(name));
      }
    }
    if (!path.isCollection()) {
      if (items.isEmpty()) {
        throw ApiException.notFound("nodemetrics.metrics.k8s.io \"" + path.name() + "\" not found");
      }
      return responses.json(200, items.get(0).toString());
    }
    ObjectNode list = mapper.createObjectNode();
    list.put("kind", "NodeMetricsList");
    list.put("apiVersion", "metrics.k8s.io/v1beta1");
    list.putObject("metadata");
    items.forEach(list.putArray("items")::add);
    return responses.json(200, list.toString());
  }

  private ObjectNode nodeItem(String node) {
    double cpu = 0;
    long memory = 0;
    for (Pod pod : store.list(Pod.class, null)) {
      if (pod.getSpec() != null && node.equals(pod.getSpec().getNodeName())) {
        for (var usage : simulation.usage(pod).orElse(List.of())) {
          cpu += usage.cpuCores();
          memory += usage.memoryBytes();
        }
      }
    }
    ObjectNode item = mapper.createObjectNode();
    ObjectNode metadata = item.putObject("metadata");
    metadata.put("name", node);
    metadata.put("creationTimestamp", clock.instant().toString());
    item.put("timestamp", clock.instant().toString());
    item.put("window", "15s");
    ObjectNode usage = item.putObject("usage");
    usage.put("cpu", Quantities.nanocores(cpu));
    usage.put("memory", Quantities.kibibytes(memory));
    return item;
  }

  private List<Pod> pods(ApiRequest request, ResourcePath path) {
    var response =
        store.raw(HttpMethod.GET, ResourceType.PODS.collectionPath(path.namespace()), null, null);
    var selector = Selectors.labels(request.param("labelSelector").orElse(""));
    try {
      JsonNode items = mapper.readTree(response.getBody().readUtf8()).path("items");
      List<Pod> pods = new java.util.ArrayList<>();
      for (JsonNode item : items) {
        if (selector.test(item)) {
          pods.add(mapper.convertValue(item, Pod.class));
        }
      }
      return pods;
    } catch (java.io.IOException e) {
      throw new ApiException(500, "InternalError", "cannot read pods: " + e.getMessage());
    }
  }

  private ObjectNode item(Pod pod) {
    ObjectNode item = mapper.createObjectNode();
    ObjectNode metadata = item.putObject("metadata");
    metadata.put("name", pod.getMetadata().getName());
    metadata.put("namespace", pod.getMetadata().getNamespace());
    metadata.put("creationTimestamp", clock.instant().toString());
    if (pod.getMetadata().getLabels() != null) {
      metadata.set("labels", mapper.valueToTree(pod.getMetadata().getLabels()));
    }
    item.put("timestamp", clock.instant().toString());
    item.put("window", "15s");
    simulation
        .usage(pod)
        .ifPresent(
            usages -> {
              ArrayNode containers = item.putArray("containers");
              for (Simulation.ContainerUsage usage : usages) {
                ObjectNode container = containers.addObject();
                container.put("name", usage.container());
                ObjectNode values = container.putObject("usage");
                values.put("cpu", Quantities.nanocores(usage.cpuCores()));
                values.put("memory", Quantities.kibibytes(usage.memoryBytes()));
              }
            });
    return item;
  }
}
