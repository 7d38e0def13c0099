package io.backstop.sandbox.store;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The resources the sandbox serves. Anything else answers 404 with the list of these, so a client
 * never gets a plausible but wrong answer for a resource the sandbox does not simulate.
 */
public enum ResourceType {
  NAMESPACES("", "v1", "namespaces", "Namespace", false, Namespace.class, "ns"),
  NODES("", "v1", "nodes", "Node", false, Node.class, "no"),
  PODS("", "v1", "pods", "Pod", true, Pod.class, "po"),
  EVENTS("", "v1", "events", "Event", true, Event.class, "ev"),
  SECRETS("", "v1", "secrets", "Secret", true, Secret.class),
  CONFIGMAPS("", "v1", "configmaps", "ConfigMap", true, ConfigMap.class, "cm"),
  SERVICES("", "v1", "services", "Service", true, Service.class, "svc"),
  SERVICEACCOUNTS("", "v1", "serviceaccounts", "ServiceAccount", true, ServiceAccount.class, "sa"),
  PERSISTENTVOLUMECLAIMS(
      "",
      "v1",
      "persistentvolumeclaims",
      "PersistentVolumeClaim",
      true,
      PersistentVolumeClaim.class,
      "pvc"),
  JOBS("batch", "v1", "jobs", "Job", true, Job.class),
  DEPLOYMENTS("apps", "v1", "deployments", "Deployment", true, Deployment.class, "deploy"),
  REPLICASETS("apps", "v1", "replicasets", "ReplicaSet", true, ReplicaSet.class, "rs"),
  STATEFULSETS("apps", "v1", "statefulsets", "StatefulSet", true, StatefulSet.class, "sts"),
  HORIZONTALPODAUTOSCALERS(
      "autoscaling",
      "v2",
      "horizontalpodautoscalers",
      "HorizontalPodAutoscaler",
      true,
      HorizontalPodAutoscaler.class,
      "hpa"),
  NETWORKPOLICIES(
      "networking.k8s.io",
      "v1",
      "networkpolicies",
      "NetworkPolicy",
      true,
      NetworkPolicy.class,
      "netpol");

  private final String group;
  private final String version;
  private final String plural;
  private final String kind;
  private final boolean namespaced;
  private final Class<? extends HasMetadata> type;
  private final List<String> shortNames;

  ResourceType(
      String group,
      String version,
      String plural,
      String kind,
      boolean namespaced,
      Class<? extends HasMetadata> type,
      String... shortNames) {
    this.group = group;
    this.version = version;
    this.plural = plural;
    this.kind = kind;
    this.namespaced = namespaced;
    this.type = type;
    this.shortNames = List.of(shortNames);
  }

  public static Optional<ResourceType> find(String group, String version, String plural) {
    return Arrays.stream(values())
        .filter(t -> t.group.equals(group) && t.version.equals(version) && t.plural.equals(plural))
        .findFirst();
  }

  public static ResourceType of(Class<? extends HasMetadata> type) {
    return Arrays.stream(values())
        .filter(t -> t.type.equals(type))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("sandbox does not serve " + type));
  }

  /** {@code v1} or {@code apps/v1}. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The collection path, in a namespace when the resource is namespaced. */
  public String collectionPath(String namespace) {
    String root = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    return namespaced && namespace != null
        ? root + "/namespaces/" + namespace + "/" + plural
        : root + "/" + plural;
  }

  public String objectPath(String namespace, String name) {
    return collectionPath(namespace) + "/" + name;
  }

  public String group() {
    return group;
  }

  public String version() {
    return version;
  }

  public String plural() {
    return plural;
  }

  public String kind() {
    return kind;
  }

  public String listKind() {
    return kind + "List";
  }

  public boolean namespaced() {
    return namespaced;
  }

  public Class<? extends HasMetadata> type() {
    return type;
  }

  public List<String> shortNames() {
    return shortNames;
  }
}
