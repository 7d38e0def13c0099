package io.backstop.triage.kubernetes;

import io.backstop.events.signal.ConfigChange.ConfigKind;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Secrets and ConfigMaps a pod spec references, and how: an env var's {@code secretKeyRef} or
 * {@code configMapKeyRef} (read once, at container start), {@code envFrom} (the same), or a volume
 * (refreshed in place by the kubelet after a while, except through {@code subPath}). A pod that
 * started before the object changed holds the old value of an env reference until it restarts. A
 * reference marked {@code optional} lets the pod start without the object; an object referenced
 * both ways is required.
 */
public final class ConfigReferences {

  private ConfigReferences() {}

  /**
   * A referenced object, how it is referenced ("env REDIS_PASSWORD", "volume certs"), and whether
   * every reference to it is optional (the pod starts without it).
   */
  public record Reference(ConfigKind kind, String name, String via, boolean optional) {}

  public static List<Reference> of(PodSpec spec) {
    Map<String, Reference> out = new LinkedHashMap<>();
    if (spec == null) {
      return List.of();
    }
    List<Container> containers = new ArrayList<>();
    if (spec.getInitContainers() != null) {
      containers.addAll(spec.getInitContainers());
    }
    if (spec.getContainers() != null) {
      containers.addAll(spec.getContainers());
    }
    for (Container c : containers) {
      for (EnvVar v : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
        if (v.getValueFrom() == null) {
          continue;
        }
        if (v.getValueFrom().getSecretKeyRef() != null) {
          add(
              out,
              ConfigKind.SECRET,
              v.getValueFrom().getSecretKeyRef().getName(),
              "env " + v.getName(),
              v.getValueFrom().getSecretKeyRef().getOptional());
        }
        if (v.getValueFrom().getConfigMapKeyRef() != null) {
          add(
              out,
              ConfigKind.CONFIG_MAP,
              v.getValueFrom().getConfigMapKeyRef().getName(),
              "env " + v.getName(),
              v.getValueFrom().getConfigMapKeyRef().getOptional());
        }
      }
      for (EnvFromSource f : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
        if (f.getSecretRef() != null) {
          add(
              out,
              ConfigKind.SECRET,
              f.getSecretRef().getName(),
              "envFrom",
              f.getSecretRef().getOptional());
        }
        if (f.getConfigMapRef() != null) {
          add(
              out,
              ConfigKind.CONFIG_MAP,
              f.getConfigMapRef().getName(),
              "envFrom",
              f.getConfigMapRef().getOptional());
        }
      }
    }
    for (Volume v : spec.getVolumes() == null ? List.<Volume>of() : spec.getVolumes()) {
      if (v.getSecret() != null) {
        add(
            out,
            ConfigKind.SECRET,
            v.getSecret().getSecretName(),
            "volume " + v.getName(),
            v.getSecret().getOptional());
      }
      if (v.getConfigMap() != null) {
        add(
            out,
            ConfigKind.CONFIG_MAP,
            v.getConfigMap().getName(),
            "volume " + v.getName(),
            v.getConfigMap().getOptional());
      }
      if (v.getProjected() != null && v.getProjected().getSources() != null) {
        for (VolumeProjection p : v.getProjected().getSources()) {
          if (p.getSecret() != null) {
            add(
                out,
                ConfigKind.SECRET,
                p.getSecret().getName(),
                "volume " + v.getName(),
                p.getSecret().getOptional());
          }
          if (p.getConfigMap() != null) {
            add(
                out,
                ConfigKind.CONFIG_MAP,
                p.getConfigMap().getName(),
                "volume " + v.getName(),
                p.getConfigMap().getOptional());
          }
        }
      }
    }
    return List.copyOf(out.values());
  }

  private static void add(
      Map<String, Reference> out, ConfigKind kind, String name, String via, Boolean optional) {
    if (name == null || name.isBlank()) {
      return;
    }
    boolean isOptional = Boolean.TRUE.equals(optional);
    String key = kind + "/" + name;
    Reference had = out.get(key);
    out.put(
        key,
        had == null
            ? new Reference(kind, name, via, isOptional)
            : new Reference(kind, name, had.via() + ", " + via, had.optional() && isOptional));
  }
}
