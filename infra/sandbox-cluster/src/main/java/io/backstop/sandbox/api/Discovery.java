package io.backstop.sandbox.api;

import io.backstop.sandbox.store.ResourceType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery documents kubectl and fabric8 read before anything else. Only what the sandbox
 * serves is advertised: core v1, apps/v1 and metrics.k8s.io/v1beta1.
 */
final class Discovery {

  static final String METRICS_GROUP = "metrics.k8s.io";
  static final String METRICS_VERSION = "v1beta1";
  private static final java.util.Set<ResourceType> IN_ALL =
      java.util.EnumSet.of(
          ResourceType.PODS,
          ResourceType.SERVICES,
          ResourceType.DEPLOYMENTS,
          ResourceType.REPLICASETS,
          ResourceType.STATEFULSETS);
  private static final List<String> ALL_VERBS =
      List.of("create", "delete", "get", "list", "patch", "update", "watch");

  private Discovery() {}

  /** The document for a discovery path, or empty when the path is not one. */
  static Optional<Map<String, Object>> document(String path) {
    return Optional.ofNullable(
        switch (path) {
          case "/api" -> apiVersions();
          case "/apis" -> groupList();
          case "/api/v1" -> resources("v1", "");
          case "/apis/apps" -> group("apps", "v1");
          case "/apis/apps/v1" -> resources("apps/v1", "apps");
          case "/apis/autoscaling" -> group("autoscaling", "v2");
          case "/apis/autoscaling/v2" -> resources("autoscaling/v2", "autoscaling");
          case "/apis/networking.k8s.io" -> group("networking.k8s.io", "v1");
          case "/apis/networking.k8s.io/v1" ->
              resources("networking.k8s.io/v1", "networking.k8s.io");
          case "/apis/metrics.k8s.io" -> group(METRICS_GROUP, METRICS_VERSION);
          case "/apis/metrics.k8s.io/v1beta1" -> metricsResources();
          default -> null;
        });
  }

  static Map<String, Object> version() {
    return ordered(
        "major", "1",
        "minor", "32",
        "gitVersion", "v1.32.0-backstop-sandbox",
        "gitCommit", "sandbox",
        "gitTreeState", "clean",
        "buildDate", "2026-01-01T00:00:00Z",
        "goVersion", "go1.23",
        "compiler", "gc",
        "platform", "linux/amd64");
  }

  private static Map<String, Object> apiVersions() {
    return ordered(
        "kind", "APIVersions",
        "versions", List.of("v1"),
        "serverAddressByClientCIDRs",
            List.of(ordered("clientCIDR", "0.0.0.0/0", "serverAddress", "127.0.0.1")));
  }

  private static Map<String, Object> groupList() {
    return ordered(
        "kind",
        "APIGroupList",
        "apiVersion",
        "v1",
        "groups",
        List.of(
            groupBody("apps", "v1"),
            groupBody("autoscaling", "v2"),
            groupBody("networking.k8s.io", "v1"),
            groupBody(METRICS_GROUP, METRICS_VERSION)));
  }

  private static Map<String, Object> group(String name, String version) {
    Map<String, Object> group = new LinkedHashMap<>(groupBody(name, version));
    group.put("kind", "APIGroup");
    group.put("apiVersion", "v1");
    return group;
  }

  private static Map<String, Object> groupBody(String name, String version) {
    var gv = ordered("groupVersion", name + "/" + version, "version", version);
    return ordered("name", name, "versions", List.of(gv), "preferredVersion", gv);
  }

  private static Map<String, Object> resources(String groupVersion, String group) {
    List<Object> resources = new ArrayList<>();
    for (ResourceType type : ResourceType.values()) {
      if (type.group().equals(group)) {
        resources.add(resource(type.plural(), type.kind(), type.namespaced(), ALL_VERBS, type));
      }
    }
    if (group.isEmpty()) {
      resources.add(subresource("pods/log", "Pod", List.of("get")));
    } else if (group.equals("apps")) {
      resources.add(subresource("deployments/scale", "Scale", List.of("get", "patch", "update")));
      resources.add(subresource("deployments/status", "Deployment", List.of("get")));
    }
    return resourceList(groupVersion, resources);
  }

  private static Map<String, Object> metricsResources() {
    List<Object> resources =
        List.of(
            ordered(
                "name", "pods",
                "singularName", "",
                "namespaced", true,
                "kind", "PodMetrics",
                "verbs", List.of("get", "list")),
            ordered(
                "name", "nodes",
                "singularName", "",
                "namespaced", false,
                "kind", "NodeMetrics",
                "verbs", List.of("get", "list")));
    return resourceList(METRICS_GROUP + "/" + METRICS_VERSION, resources);
  }

  private static Map<String, Object> resourceList(String groupVersion, List<Object> resources) {
    return ordered(
        "kind",
        "APIResourceList",
        "apiVersion",
        "v1",
        "groupVersion",
        groupVersion,
        "resources",
        resources);
  }

  private static Map<String, Object> resource(
      String name, String kind, boolean namespaced, List<String> verbs, ResourceType type) {
    Map<String, Object> resource =
        ordered(
            "name", name,
            "singularName", kind.toLowerCase(),
            "namespaced", namespaced,
            "kind", kind,
            "verbs", verbs);
    if (!type.shortNames().isEmpty()) {
      resource.put("shortNames", type.shortNames());
    }
    if (IN_ALL.contains(type)) {
      resource.put("categories", List.of("all"));
    }
    return resource;
  }

  private static Map<String, Object> subresource(String name, String kind, List<String> verbs) {
    return ordered(
        "name", name, "singularName", "", "namespaced", true, "kind", kind, "verbs", verbs);
  }

  private static Map<String, Object> ordered(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }
}
