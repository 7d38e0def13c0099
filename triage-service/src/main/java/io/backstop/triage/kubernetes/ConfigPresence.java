package io.backstop.triage.kubernetes;

import io.backstop.events.signal.ConfigChange.ConfigKind;
import io.backstop.events.signal.ConfigRef;
import io.backstop.triage.kubernetes.ConfigReferences.Reference;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which Secrets and ConfigMaps of a namespace exist now, by name, as their metadata lists answered,
 * and the check of one pod template against them: each object it references (not those marked
 * optional) is either present, missing (the list answered and does not hold it) or unverified (the
 * list of its kind failed, was cut short or was not asked for). An unread list never makes an
 * object present.
 */
public final class ConfigPresence {

  private final Map<ConfigKind, Set<String>> listed;

  private ConfigPresence(Map<ConfigKind, Set<String>> listed) {
    this.listed = listed;
  }

  /** What a template references that is missing now, and what could not be checked. */
  public record Check(List<ConfigRef> missing, List<ConfigRef> unverified) {

    public Check {
      missing = List.copyOf(missing);
      unverified = List.copyOf(unverified);
    }
  }

  /**
   * The names in {@code objects}, for the kinds in {@code listedKinds} only: the kinds whose whole
   * list was read. A kind not in it is unknown, whatever {@code objects} holds of it.
   */
  public static ConfigPresence of(List<ObjectChange> objects, Set<ConfigKind> listedKinds) {
    Map<ConfigKind, Set<String>> listed = new EnumMap<>(ConfigKind.class);
    for (ConfigKind kind : listedKinds) {
      listed.put(kind, new HashSet<>());
    }
    for (ObjectChange o : objects) {
      Set<String> names = listed.get(o.kind());
      if (names != null) {
        names.add(o.name());
      }
    }
    return new ConfigPresence(listed);
  }

  /** Nothing was listed: every reference is unverified. */
  public static ConfigPresence unknown() {
    return new ConfigPresence(Map.of());
  }

  public Check check(PodSpec template) {
    List<ConfigRef> missing = new ArrayList<>();
    List<ConfigRef> unverified = new ArrayList<>();
    for (Reference ref : ConfigReferences.of(template)) {
      if (ref.optional()) {
        continue;
      }
      ConfigRef named = new ConfigRef(ref.kind(), ref.name());
      Set<String> names = listed.get(ref.kind());
      if (names == null) {
        unverified.add(named);
      } else if (!names.contains(ref.name())) {
        missing.add(named);
      }
    }
    return new Check(missing, unverified);
  }
}
