package io.backstop.triage.kubernetes;

import io.backstop.events.signal.DriftDimension;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where two lists of containers differ, container by container (matched by name), in the dimensions
 * that change how a pod runs: image, memory and CPU limits and requests, environment variable names
 * (and whether a value changed; a value itself is never reported, it may be a secret), and
 * containers present on one side only.
 */
public final class ContainerDiff {

  private ContainerDiff() {}

  /** One difference: the container, the dimension, and the two values as text ("" if absent). */
  public record Difference(
      String container, DriftDimension dimension, String before, String after, String note) {

    public String describe() {
      String where = container.isEmpty() ? "" : "container " + container + " ";
      return switch (dimension) {
        case INJECTED_CONTAINER ->
            before.isEmpty()
                ? "container " + container + " added (" + after + ")"
                : "container " + container + " removed";
        case ENV -> where + note;
        default ->
            where
                + label(dimension)
                + " "
                + (before.isEmpty() ? "(none)" : before)
                + " -> "
                + (after.isEmpty() ? "(none)" : after);
      };
    }

    private static String label(DriftDimension d) {
      return switch (d) {
        case IMAGE -> "image";
        case MEMORY_LIMIT -> "memory limit";
        case MEMORY_REQUEST -> "memory request";
        case CPU_LIMIT -> "cpu limit";
        case CPU_REQUEST -> "cpu request";
        default -> d.name().toLowerCase();
      };
    }
  }

  public static List<Difference> between(List<Container> before, List<Container> after) {
    Map<String, Container> was = byName(before);
    Map<String, Container> now = byName(after);
    List<Difference> out = new ArrayList<>();
    for (var entry : now.entrySet()) {
      Container old = was.get(entry.getKey());
      if (old == null) {
        out.add(
            new Difference(
                entry.getKey(),
                DriftDimension.INJECTED_CONTAINER,
                "",
                String.valueOf(entry.getValue().getImage()),
                ""));
      } else {
        compare(entry.getKey(), old, entry.getValue(), out);
      }
    }
    for (String name : was.keySet()) {
      if (!now.containsKey(name)) {
        out.add(
            new Difference(
                name,
                DriftDimension.INJECTED_CONTAINER,
                String.valueOf(was.get(name).getImage()),
                "",
                ""));
      }
    }
    return List.copyOf(out);
  }

  private static void compare(String name, Container old, Container now, List<Difference> out) {
    if (!Objects.equals(old.getImage(), now.getImage())) {
      out.add(
          new Difference(
              name, DriftDimension.IMAGE, text(old.getImage()), text(now.getImage()), ""));
    }
    resource(name, old, now, true, "memory", DriftDimension.MEMORY_LIMIT, out);
    resource(name, old, now, false, "memory", DriftDimension.MEMORY_REQUEST, out);
    resource(name, old, now, true, "cpu", DriftDimension.CPU_LIMIT, out);
    resource(name, old, now, false, "cpu", DriftDimension.CPU_REQUEST, out);
    String env = env(old.getEnv(), now.getEnv());
    if (!env.isEmpty()) {
      out.add(new Difference(name, DriftDimension.ENV, "", "", env));
    }
  }

  private static void resource(
      String name,
      Container old,
      Container now,
      boolean limit,
      String resource,
      DriftDimension dimension,
      List<Difference> out) {
    String a = quantity(old, limit, resource);
    String b = quantity(now, limit, resource);
    if (!a.equals(b)) {
      out.add(new Difference(name, dimension, a, b, ""));
    }
  }

  /** "env FEATURE_X added, env DB_URL changed, env OLD removed"; names only, never values. */
  static String env(List<EnvVar> before, List<EnvVar> after) {
    Map<String, String> was = envMap(before);
    Map<String, String> now = envMap(after);
    List<String> parts = new ArrayList<>();
    for (var e : now.entrySet()) {
      if (!was.containsKey(e.getKey())) {
        parts.add("env " + e.getKey() + " added");
      } else if (!Objects.equals(was.get(e.getKey()), e.getValue())) {
        parts.add("env " + e.getKey() + " changed");
      }
    }
    for (String k : was.keySet()) {
      if (!now.containsKey(k)) {
        parts.add("env " + k + " removed");
      }
    }
    return String.join(", ", parts);
  }

  /** The env names of a container, in order. */
  public static Set<String> envNames(Container c) {
    return new LinkedHashSet<>(envMap(c.getEnv()).keySet());
  }

  private static Map<String, String> envMap(List<EnvVar> env) {
    Map<String, String> out = new LinkedHashMap<>();
    if (env != null) {
      for (EnvVar v : env) {
        out.put(
            v.getName(), v.getValue() != null ? v.getValue() : String.valueOf(v.getValueFrom()));
      }
    }
    return out;
  }

  static String quantity(Container c, boolean limit, String resource) {
    if (c.getResources() == null) {
      return "";
    }
    Map<String, Quantity> values =
        limit ? c.getResources().getLimits() : c.getResources().getRequests();
    Quantity q = values == null ? null : values.get(resource);
    return q == null ? "" : q.toString();
  }

  private static Map<String, Container> byName(List<Container> containers) {
    Map<String, Container> out = new LinkedHashMap<>();
    if (containers != null) {
      containers.forEach(c -> out.put(String.valueOf(c.getName()), c));
    }
    return out;
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }
}
