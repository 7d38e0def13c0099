package io.backstop.sandbox.spec;

import java.util.Map;

/** A StatefulSet (such as {@code prod-db}); its pods run its image's health profile. */
public record StatefulSetSpec(
    String name,
    int replicas,
    Map<String, String> labels,
    String container,
    String image,
    ContainerResources resources) {

  public StatefulSetSpec {
    Names.requireDnsLabel("statefulset", name);
    labels = labels == null || labels.isEmpty() ? Map.of("app", name) : Map.copyOf(labels);
    container = container == null ? name : container;
    resources = resources == null ? ContainerResources.DEFAULT : resources;
  }
}
