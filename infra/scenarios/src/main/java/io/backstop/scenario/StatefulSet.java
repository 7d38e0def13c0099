package io.backstop.scenario;

import io.backstop.events.MetadataKeys;
import java.util.Map;

/** A StatefulSet (such as {@code prod-db}): present in the cluster, never a legal action target. */
public record StatefulSet(
    String name,
    int replicas,
    Map<String, String> labels,
    String container,
    String image,
    Resources resources) {

  public StatefulSet {
    labels = labels == null ? Map.of("app", name) : Map.copyOf(labels);
    container = container == null ? name : container;
    resources = resources == null ? Resources.NONE : resources;
  }

  public boolean labelledProtected() {
    return "true".equalsIgnoreCase(labels.getOrDefault(MetadataKeys.PROTECTED, "false"));
  }
}
