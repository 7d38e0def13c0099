package io.backstop.scenario;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One incident to run end to end: the cluster as it stands, the fault and when it happens, the
 * alert that fires, how each model behaves, the scripted diagnoses and the outcome Backstop must
 * reach. Loaded and validated by {@link ScenarioLoader}; the format is documented in the module's
 * README and {@code scenario.schema.json}.
 */
public record Scenario(
    String name,
    String description,
    Expected expected,
    ClusterSpec cluster,
    Map<String, HealthProfile> images,
    Fault fault,
    Alert alert,
    Map<String, ModelBehaviour> models,
    Diagnoses diagnoses) {

  public Scenario {
    images = images == null ? Map.of() : unmodifiable(images);
    models = models == null ? Map.of() : unmodifiable(models);
  }

  /** The health profile an image runs with; images the scenario does not list run healthy. */
  public HealthProfile profileOf(String image) {
    return images.getOrDefault(image, HealthProfile.HEALTHY);
  }

  /** The deployment the fault concerns. */
  public Deployment faultyDeployment() {
    return cluster
        .deployment(fault.namespace(), fault.deployment())
        .orElseThrow(() -> new IllegalStateException("validated scenario lost its fault target"));
  }

  /** The behaviour scripted for a model name, if the scenario knows that model. */
  public Optional<ModelBehaviour> behaviourOf(String model) {
    return Optional.ofNullable(models.get(model));
  }

  private static <V> Map<String, V> unmodifiable(Map<String, V> map) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
