package io.backstop.events.signal;

import io.backstop.events.Require;
import io.backstop.events.signal.ConfigChange.ConfigKind;

/**
 * A Secret or ConfigMap named by a pod template (an env {@code valueFrom}, {@code envFrom}, a
 * volume or a projected volume), by kind and name only: its data is never read.
 */
public record ConfigRef(ConfigKind kind, String name) {

  public ConfigRef {
    Require.present(kind, "configRef.kind");
    Require.text(name, "configRef.name");
  }

  public static ConfigRef secret(String name) {
    return new ConfigRef(ConfigKind.SECRET, name);
  }

  public static ConfigRef configMap(String name) {
    return new ConfigRef(ConfigKind.CONFIG_MAP, name);
  }

  /** "secret/name" or "configmap/name", as Kubernetes names the object. */
  public String subject() {
    return (kind == ConfigKind.SECRET ? "secret/" : "configmap/") + name;
  }
}
