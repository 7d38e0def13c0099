package io.backstop.scenario;

import java.util.Map;

/** A StatefulSet (such as {@code prod-db}): present in the cluster, never a legal action target. */
public record StatefulSet(
    String name,
    int replicas,
    Map<String, String> labels,
    String container,
    String image,
    Resources resources) {

  public static final String PROTECTED_LABEL = "backstop.io/protected";

  public StatefulSet {
    labels = labels == null ? Map.of("app", name) : Map.copyOf(labels);
    container = container == null ? name : container;
    resources = resources == null ? Resources.NONE : resources;
  }

  public boolean labelledProtected() {
    return "true".equalsIgnoreCase(labels.getOrDefault(PROTECTED_LABEL, "false"));
  }
}
