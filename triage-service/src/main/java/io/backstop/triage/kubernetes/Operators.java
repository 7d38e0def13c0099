package io.backstop.triage.kubernetes;

import io.backstop.events.signal.OperatorOwner;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator that controls a workload, from its controller ownerReference ({@code controller:
 * true}; Kubernetes allows at most one): when that reference names an object outside the built-in
 * workload API groups (core, {@code apps}, {@code batch}), it is a custom resource an operator
 * renders the workload from and reconciles it back to (Strimzi's KafkaConnect, a database
 * operator's cluster). A reference without an API group of its own is a built-in kind.
 *
 * <p>The label {@code app.kubernetes.io/managed-by} is read only beside such a reference, as the
 * name the operator gives itself: on its own it proves nothing, since Helm sets it ({@code Helm})
 * on every object a chart installs and reconciles none of them, and anyone may write a label.
 */
public final class Operators {

  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

  /** API groups of the built-in kinds that own workloads (core has none: "v1"). */
  private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch");

  private Operators() {}

  /** The operator whose custom resource controls {@code object}, or empty when none does. */
  public static Optional<OperatorOwner> of(HasMetadata object) {
    if (object == null
        || object.getMetadata() == null
        || object.getMetadata().getOwnerReferences() == null) {
      return Optional.empty();
    }
    for (OwnerReference ref : object.getMetadata().getOwnerReferences()) {
      if (ref == null || !Boolean.TRUE.equals(ref.getController())) {
        continue;
      }
      if (ref.getKind() == null || ref.getKind().isBlank() || builtIn(ref.getApiVersion())) {
        return Optional.empty();
      }
      Map<String, String> labels = object.getMetadata().getLabels();
      String managedBy = labels == null ? "" : labels.getOrDefault(MANAGED_BY_LABEL, "").strip();
      return Optional.of(
          new OperatorOwner(ref.getApiVersion(), ref.getKind(), ref.getName(), managedBy));
    }
    return Optional.empty();
  }

  /** {@code apps/v1}, {@code batch/v1} and {@code v1} (core) are built-in groups. */
  private static boolean builtIn(String apiVersion) {
    if (apiVersion == null || apiVersion.isBlank()) {
      return false;
    }
    int slash = apiVersion.indexOf('/');
    return BUILT_IN_GROUPS.contains(slash < 0 ? "" : apiVersion.substring(0, slash).strip());
  }
}
