package io.backstop.deployment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.ObjectMapper;

/**
 * Admission requests as the API server hands them to a ValidatingAdmissionPolicy: the
 * AdmissionRequest ({@code request}), the object after the change and the object before it, as JSON
 * maps with every number a Long (what CEL's int is).
 */
final class AdmissionRequests {

  static final String EXECUTOR = "system:serviceaccount:backstop:backstop-executor";
  private static final ObjectMapper JSON = new ObjectMapper();

  private AdmissionRequests() {}

  /** One request: who, what, and the objects before and after. */
  record Request(
      Map<String, Object> request, Map<String, Object> object, Map<String, Object> oldObject) {}

  /** checkout in {@code namespace}: 3 replicas, annotated, labelled, a plain pod template. */
  static Map<String, Object> deployment(String namespace) {
    return parse(
        """
        {"apiVersion": "apps/v1", "kind": "Deployment",
         "metadata": {"name": "checkout", "namespace": "%s", "generation": 7,
                      "labels": {"app": "checkout", "team": "payments"},
                      "annotations": {"deployment.kubernetes.io/revision": "4",
                                      "backstop.io/git-sha": "4be8d2f"}},
         "spec": {"replicas": 3, "revisionHistoryLimit": 10, "progressDeadlineSeconds": 600,
                  "selector": {"matchLabels": {"app": "checkout"}},
                  "strategy": {"type": "RollingUpdate",
                               "rollingUpdate": {"maxSurge": "25%%", "maxUnavailable": "25%%"}},
                  "template": {"metadata": {"labels": {"app": "checkout"}},
                               "spec": {"serviceAccountName": "checkout",
                                        "containers": [{"name": "checkout",
                                                        "image": "shop/checkout:4be8d2f"}]}}}}
        """
            .formatted(namespace));
  }

  /** The Scale (autoscaling/v1) of checkout, as the scale subresource shows it. */
  static Map<String, Object> scale(String namespace, long replicas) {
    return parse(
        """
        {"apiVersion": "autoscaling/v1", "kind": "Scale",
         "metadata": {"name": "checkout", "namespace": "%s"},
         "spec": {"replicas": %d}, "status": {"replicas": 3, "selector": "app=checkout"}}
        """
            .formatted(namespace, replicas));
  }

  /**
   * A PATCH (an UPDATE to admission) of a Deployment by {@code user}, changed by {@code change}.
   */
  static Request patchDeployment(
      String user, String namespace, Consumer<Map<String, Object>> change) {
    Map<String, Object> before = deployment(namespace);
    Map<String, Object> after = copy(before);
    change.accept(after);
    return new Request(
        request(user, "UPDATE", "apps", "deployments", "", namespace), after, before);
  }

  static Request patchDeployment(String namespace, Consumer<Map<String, Object>> change) {
    return patchDeployment(EXECUTOR, namespace, change);
  }

  /** A protected Deployment (label backstop.io/protected=true) patched by {@code change}. */
  static Request patchProtectedDeployment(Consumer<Map<String, Object>> change) {
    Map<String, Object> before = deployment("shop");
    labels(before).put("backstop.io/protected", "true");
    Map<String, Object> after = copy(before);
    change.accept(after);
    return new Request(
        request(EXECUTOR, "UPDATE", "apps", "deployments", "", "shop"), after, before);
  }

  static Request scaleDeployment(String namespace, long from, long to) {
    return new Request(
        request(EXECUTOR, "UPDATE", "apps", "deployments", "scale", namespace),
        scale(namespace, to),
        scale(namespace, from));
  }

  /** The same request for the Deployment (or its Scale) named {@code name}. */
  static Request named(Request r, String name) {
    Map<String, Object> request = new HashMap<>(r.request());
    request.put("name", name);
    return new Request(request, rename(r.object(), name), rename(r.oldObject(), name));
  }

  private static Map<String, Object> rename(Map<String, Object> object, String name) {
    if (object == null || !object.containsKey("metadata")) {
      return object;
    }
    Map<String, Object> copy = copy(object);
    map(copy, "metadata").put("name", name);
    return copy;
  }

  /** Any other request: {@code object} after, {@code oldObject} before (either may be null). */
  static Request other(
      String operation,
      String group,
      String resource,
      String subResource,
      String namespace,
      Map<String, Object> object,
      Map<String, Object> oldObject) {
    return new Request(
        request(EXECUTOR, operation, group, resource, subResource, namespace), object, oldObject);
  }

  static Map<String, Object> request(
      String user,
      String operation,
      String group,
      String resource,
      String subResource,
      String namespace) {
    Map<String, Object> r = new HashMap<>();
    r.put("operation", operation);
    r.put("namespace", namespace);
    r.put("name", "checkout");
    r.put("resource", Map.of("group", group, "version", "v1", "resource", resource));
    r.put("subResource", subResource);
    r.put("userInfo", Map.of("username", user, "groups", List.of("system:serviceaccounts")));
    r.put("dryRun", false);
    return r;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> m, String... path) {
    Map<String, Object> at = m;
    for (String k : path) {
      at = (Map<String, Object>) at.computeIfAbsent(k, x -> new HashMap<String, Object>());
    }
    return at;
  }

  static Map<String, Object> labels(Map<String, Object> deployment) {
    return map(deployment, "metadata", "labels");
  }

  static Map<String, Object> annotations(Map<String, Object> deployment) {
    return map(deployment, "metadata", "annotations");
  }

  static Map<String, Object> spec(Map<String, Object> deployment) {
    return map(deployment, "spec");
  }

  static Map<String, Object> podSpec(Map<String, Object> deployment) {
    return map(deployment, "spec", "template", "spec");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> container(Map<String, Object> deployment) {
    return ((List<Map<String, Object>>) podSpec(deployment).get("containers")).get(0);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(String json) {
    return (Map<String, Object>) longs(JSON.readValue(json, Map.class));
  }

  static Map<String, Object> copy(Map<String, Object> m) {
    return parse(JSON.writeValueAsString(m));
  }

  @SuppressWarnings("unchecked")
  private static Object longs(Object o) {
    if (o instanceof Map<?, ?> m) {
      Map<String, Object> out = new HashMap<>();
      m.forEach((k, v) -> out.put((String) k, longs(v)));
      return out;
    }
    if (o instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(longs(v)));
      return out;
    }
    if (o instanceof Integer i) {
      return i.longValue();
    }
    return o;
  }
}
