package io.backstop.sandbox.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/** Reads and writes the {@code deployment.kubernetes.io/revision} annotation. */
final class Revisions {

  private Revisions() {}

  static long of(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    if (annotations == null) {
      return 0;
    }
    try {
      return Long.parseLong(annotations.getOrDefault(Annotations.REVISION, "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static String label(HasMetadata object, String key) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }
}
