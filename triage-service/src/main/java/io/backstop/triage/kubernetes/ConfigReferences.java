package io.backstop.triage.kubernetes;

import io.backstop.events.signal.ConfigChange;
import io.backstop.events.signal.ConfigChange.ConfigKind;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Secrets and ConfigMaps a pod spec references, and how: an env var's {@code secretKeyRef} or
 * {@code configMapKeyRef} (read once, at container start), {@code envFrom} (the same), or a volume
 * (refreshed in place by the kubelet after a while, except through {@code subPath}). A pod that
 * started before the object changed holds the old value of an env or subPath reference until it
 * restarts; a volume mounted whole shows it the new files within about a minute (a volume that some
 * container mounts by subPath and another whole counts as both). A reference marked {@code
 * optional} lets the pod start without the object; an object referenced both ways is required.
 */
public final class ConfigReferences {

  private ConfigReferences() {}

  /**
   * A referenced object, how it is referenced ("env REDIS_PASSWORD", "volume certs"), whether every
   * reference to it is optional (the pod starts without it), and the reference modes that decide
   * whether running pods can see a change without a restart.
   */
  public record Reference(
      ConfigKind kind,
      String name,
      String via,
      boolean optional,
      Set<ConfigChange.Reference> modes) {

    public Reference {
      modes = modes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(modes));
    }
  }

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
              v.getValueFrom().getSecretKeyRef().getOptional(),
              Set.of(ConfigChange.Reference.ENV));
        }
        if (v.getValueFrom().getConfigMapKeyRef() != null) {
          add(
              out,
              ConfigKind.CONFIG_MAP,
              v.getValueFrom().getConfigMapKeyRef().getName(),
              "env " + v.getName(),
              v.getValueFrom().getConfigMapKeyRef().getOptional(),
              Set.of(ConfigChange.Reference.ENV));
        }
      }
      for (EnvFromSource f : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
        if (f.getSecretRef() != null) {
          add(
              out,
              ConfigKind.SECRET,
              f.getSecretRef().getName(),
              "envFrom",
              f.getSecretRef().getOptional(),
              Set.of(ConfigChange.Reference.ENV_FROM));
        }
        if (f.getConfigMapRef() != null) {
          add(
              out,
              ConfigKind.CONFIG_MAP,
              f.getConfigMapRef().getName(),
              "envFrom",
              f.getConfigMapRef().getOptional(),
              Set.of(ConfigChange.Reference.ENV_FROM));
        }
      }
    }
    for (Volume v : spec.getVolumes() == null ? List.<Volume>of() : spec.getVolumes()) {
      Set<ConfigChange.Reference> modes = mountModes(containers, v.getName());
      String via =
          "volume "
              + v.getName()
              + (modes.contains(ConfigChange.Reference.SUB_PATH) ? " (subPath)" : "");
      if (v.getSecret() != null) {
        add(
            out,
            ConfigKind.SECRET,
            v.getSecret().getSecretName(),
            via,
            v.getSecret().getOptional(),
            modes);
      }
      if (v.getConfigMap() != null) {
        add(
            out,
            ConfigKind.CONFIG_MAP,
            v.getConfigMap().getName(),
            via,
            v.getConfigMap().getOptional(),
            modes);
      }
      if (v.getProjected() != null && v.getProjected().getSources() != null) {
        for (VolumeProjection p : v.getProjected().getSources()) {
          if (p.getSecret() != null) {
            add(
                out,
                ConfigKind.SECRET,
                p.getSecret().getName(),
                via,
                p.getSecret().getOptional(),
                modes);
          }
          if (p.getConfigMap() != null) {
            add(
                out,
                ConfigKind.CONFIG_MAP,
                p.getConfigMap().getName(),
                via,
                p.getConfigMap().getOptional(),
                modes);
          }
        }
      }
    }
    return List.copyOf(out.values());
  }

  /**
   * How the containers mount a volume: SUB_PATH for a mount by subPath or subPathExpr, VOLUME for a
   * mount of the whole volume, and VOLUME when no container mounts it (nothing says the pods hold
   * an old copy).
   */
  private static Set<ConfigChange.Reference> mountModes(List<Container> containers, String volume) {
    Set<ConfigChange.Reference> modes = new HashSet<>();
    for (Container c : containers) {
      for (VolumeMount m :
          c.getVolumeMounts() == null ? List.<VolumeMount>of() : c.getVolumeMounts()) {
        if (volume == null || !volume.equals(m.getName())) {
          continue;
        }
        boolean subPath =
            (m.getSubPath() != null && !m.getSubPath().isBlank())
                || (m.getSubPathExpr() != null && !m.getSubPathExpr().isBlank());
        modes.add(subPath ? ConfigChange.Reference.SUB_PATH : ConfigChange.Reference.VOLUME);
      }
    }
    if (modes.isEmpty()) {
      modes.add(ConfigChange.Reference.VOLUME);
    }
    return modes;
  }

  private static void add(
      Map<String, Reference> out,
      ConfigKind kind,
      String name,
      String via,
      Boolean optional,
      Set<ConfigChange.Reference> modes) {
    if (name == null || name.isBlank()) {
      return;
    }
    boolean isOptional = Boolean.TRUE.equals(optional);
    String key = kind + "/" + name;
    Reference had = out.get(key);
    if (had == null) {
      out.put(key, new Reference(kind, name, via, isOptional, modes));
      return;
    }
    Set<ConfigChange.Reference> all = new HashSet<>(had.modes());
    all.addAll(modes);
    out.put(
        key, new Reference(kind, name, had.via() + ", " + via, had.optional() && isOptional, all));
  }
}
