package io.backstop.triage.kubernetes;

import static io.backstop.events.MetadataKeys.RESTARTED_AT;

import io.backstop.events.MetadataKeys;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a revision's pod template changed against the revision before it, in a line a person reads:
 * "image shop/checkout:9c41d0e -> shop/checkout:7aa1b2c", "env FEATURE_X added", "memory limit
 * 512Mi -> 256Mi", "pod annotation kubectl.kubernetes.io/restartedAt (a restart)". A revision that
 * changed no container image is the kind {@code kubectl set env}, {@code edit} or {@code patch}
 * make: it has no SHA of its own.
 */
final class TemplateChanges {

  private TemplateChanges() {}

  static String between(PodTemplateSpec before, PodTemplateSpec after, String mainContainer) {
    List<String> parts = new ArrayList<>();
    ContainerDiff.between(containers(before), containers(after)).stream()
        .map(ContainerDiff.Difference::describe)
        .forEach(parts::add);
    Map<String, String> was = annotations(before);
    Map<String, String> now = annotations(after);
    for (var e : now.entrySet()) {
      if (e.getKey().equals(MetadataKeys.GIT_SHA)) {
        continue;
      }
      if (!Objects.equals(was.get(e.getKey()), e.getValue())) {
        parts.add(
            "pod annotation "
                + e.getKey()
                + (e.getKey().equals(RESTARTED_AT) ? " (a restart)" : " changed"));
      }
    }
    if (parts.isEmpty()) {
      parts.add("other pod spec fields (volumes, probes, scheduling or labels)");
    }
    return String.join(", ", parts);
  }

  private static List<Container> containers(PodTemplateSpec t) {
    return t == null || t.getSpec() == null || t.getSpec().getContainers() == null
        ? List.of()
        : t.getSpec().getContainers();
  }

  private static Map<String, String> annotations(PodTemplateSpec t) {
    Map<String, String> out = new HashMap<>();
    if (t != null && t.getMetadata() != null && t.getMetadata().getAnnotations() != null) {
      out.putAll(t.getMetadata().getAnnotations());
    }
    return out;
  }
}
