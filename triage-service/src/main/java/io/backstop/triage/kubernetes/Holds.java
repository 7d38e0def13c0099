package io.backstop.triage.kubernetes;

import io.backstop.events.MetadataKeys;
import io.backstop.events.signal.WorkloadHold;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A hold its owners declared on a workload, from its annotations:
 *
 * <ul>
 *   <li>Backstop's own {@code backstop.io/hold}, its value the reason;
 *   <li>a team's own maintenance or hold annotation, any prefix: a key whose name (after the {@code
 *       /}) is {@code maintenance} or {@code hold}, such as {@code shop.io/maintenance}. No
 *       Kubernetes-wide convention exists for declaring maintenance on a Deployment, and teams
 *       write it in their own domain; reading such a key as a hold errs towards asking a person,
 *       whom the guardrail only asks (the write stays approvable).
 * </ul>
 *
 * A value that says no ({@code false}, {@code no}, {@code off}, {@code 0}, empty) declares nothing.
 * The reason is the owners' text, clipped; triage redacts it with every other text it reads before
 * it leaves the service.
 */
public final class Holds {

  static final int MAX_REASON_CHARS = 300;
  private static final Set<String> NAMES = Set.of("maintenance", "hold");
  private static final Set<String> NO = Set.of("", "false", "no", "off", "0", "none");

  private Holds() {}

  /** The hold declared on {@code object}, or empty when none is. */
  public static Optional<WorkloadHold> of(HasMetadata object) {
    if (object == null || object.getMetadata() == null) {
      return Optional.empty();
    }
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    if (annotations == null || annotations.isEmpty()) {
      return Optional.empty();
    }
    Optional<WorkloadHold> own = declared(MetadataKeys.HOLD, annotations.get(MetadataKeys.HOLD));
    if (own.isPresent()) {
      return own;
    }
    for (Map.Entry<String, String> e : new TreeMap<>(annotations).entrySet()) {
      String key = e.getKey();
      int slash = key.indexOf('/');
      if (slash > 0 && NAMES.contains(key.substring(slash + 1).toLowerCase(Locale.ROOT))) {
        Optional<WorkloadHold> team = declared(key, e.getValue());
        if (team.isPresent()) {
          return team;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<WorkloadHold> declared(String key, String value) {
    if (value == null || NO.contains(value.strip().toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    String reason = value.strip();
    if ("true".equalsIgnoreCase(reason) || "yes".equalsIgnoreCase(reason)) {
      reason = "";
    }
    if (reason.length() > MAX_REASON_CHARS) {
      reason = reason.substring(0, MAX_REASON_CHARS) + "...";
    }
    return Optional.of(new WorkloadHold(reason, "annotation " + key));
  }
}
