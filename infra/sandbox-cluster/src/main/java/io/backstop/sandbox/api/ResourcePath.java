package io.backstop.sandbox.api;

import io.backstop.sandbox.store.ResourceType;
import java.util.Optional;

/**
 * A parsed resource path: {@code /api/v1/namespaces/shop/pods/p1/log} → group "", version v1,
 * namespace shop, resource pods, name p1, subresource log.
 */
public record ResourcePath(
    String group,
    String version,
    String namespace,
    String resource,
    String name,
    String subresource) {

  /** Parses a resource path; empty when the path is not of the resource shape at all. */
  public static Optional<ResourcePath> parse(String path) {
    String[] parts = path.substring(1).split("/");
    int i;
    String group;
    String version;
    if (parts.length >= 3 && parts[0].equals("api")) {
      group = "";
      version = parts[1];
      i = 2;
    } else if (parts.length >= 4 && parts[0].equals("apis")) {
      group = parts[1];
      version = parts[2];
      i = 3;
    } else {
      return Optional.empty();
    }
    String namespace = null;
    if (parts.length > i + 2 && parts[i].equals("namespaces")) {
      namespace = parts[i + 1];
      i += 2;
    }
    int rest = parts.length - i;
    if (rest < 1 || rest > 3) {
      return Optional.empty();
    }
    String name = rest >= 2 ? parts[i + 1] : null;
    String sub = rest == 3 ? parts[i + 2] : "";
    return Optional.of(new ResourcePath(group, version, namespace, parts[i], name, sub));
  }

  public Optional<ResourceType> type() {
    return ResourceType.find(group, version, resource);
  }

  public boolean isCollection() {
    return name == null;
  }

  public String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The Kubernetes way of naming the resource in messages: {@code deployments.apps}. */
  public String qualifiedResource() {
    return group.isEmpty() ? resource : resource + "." + group;
  }
}
