package io.backstop.events.signal;

import io.backstop.events.Require;
import java.util.List;

/**
 * A PersistentVolumeClaim a workload's pod template mounts, with the access modes the claim asks
 * for ({@code spec.accessModes}, as Kubernetes spells them: {@code ReadWriteOnce}, {@code
 * ReadWriteOncePod}, {@code ReadOnlyMany}, {@code ReadWriteMany}); empty when triage could not read
 * the claim (not found, or the list failed). A {@code ReadWriteOncePod} claim admits one pod in the
 * whole cluster: a RollingUpdate rollout that starts the new pod before it stops the old one never
 * finishes, its new pod Pending while the old one holds the claim.
 */
public record VolumeClaim(String name, List<String> accessModes) {

  public static final String READ_WRITE_ONCE_POD = "ReadWriteOncePod";

  public VolumeClaim {
    Require.text(name, "claim.name");
    accessModes = accessModes == null ? List.of() : List.copyOf(accessModes);
  }

  /** True when only one pod in the cluster may use the claim at a time. */
  public boolean singlePod() {
    return accessModes.contains(READ_WRITE_ONCE_POD);
  }

  /** True when triage could not read the claim's access modes. */
  public boolean unknown() {
    return accessModes.isEmpty();
  }
}
