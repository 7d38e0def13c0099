package io.backstop.triage.kubernetes;

import io.backstop.events.signal.VolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The PersistentVolumeClaims a Deployment's pod template mounts ({@code volumes[].
 * persistentVolumeClaim.claimName}), each with the access modes the claim asks for. A claim that
 * was not found, or a namespace whose claims could not be listed, gives a claim with no modes
 * (unknown): the guardrail does not take an unread claim for a shareable one.
 *
 * <p>Whether a rolling restart of a {@code ReadWriteOnce} claim's user finishes is not knowable
 * here: the claim admits every pod on the one node it is attached to, and the scheduler places the
 * surge pod at rollout time without regard to where the volume is attached, so it may land on the
 * same node (the rollout finishes) or another (Multi-Attach, Pending until the old pod goes). Only
 * {@code ReadWriteOncePod} is certain: one pod in the whole cluster.
 */
public final class VolumeClaims {

  private VolumeClaims() {}

  /** Each claim's access modes by name; empty when {@code claims} is null (not listed). */
  static Map<String, List<String>> accessModes(List<PersistentVolumeClaim> claims) {
    Map<String, List<String>> modes = new HashMap<>();
    if (claims == null) {
      return modes;
    }
    for (PersistentVolumeClaim c : claims) {
      if (c == null || c.getMetadata() == null || c.getMetadata().getName() == null) {
        continue;
      }
      List<String> asked =
          c.getSpec() == null || c.getSpec().getAccessModes() == null
              ? List.of()
              : c.getSpec().getAccessModes().stream()
                  .filter(m -> m != null && !m.isBlank())
                  .toList();
      modes.put(c.getMetadata().getName(), asked);
    }
    return modes;
  }

  /** The claims {@code d}'s pod template mounts, in template order, each named once. */
  static List<VolumeClaim> mounted(Deployment d, Map<String, List<String>> modes) {
    if (d.getSpec() == null
        || d.getSpec().getTemplate() == null
        || d.getSpec().getTemplate().getSpec() == null
        || d.getSpec().getTemplate().getSpec().getVolumes() == null) {
      return List.of();
    }
    Set<String> names = new LinkedHashSet<>();
    for (Volume v : d.getSpec().getTemplate().getSpec().getVolumes()) {
      if (v != null
          && v.getPersistentVolumeClaim() != null
          && v.getPersistentVolumeClaim().getClaimName() != null
          && !v.getPersistentVolumeClaim().getClaimName().isBlank()) {
        names.add(v.getPersistentVolumeClaim().getClaimName().strip());
      }
    }
    List<VolumeClaim> out = new ArrayList<>(names.size());
    for (String name : names) {
      out.add(new VolumeClaim(name, modes.getOrDefault(name, List.of())));
    }
    return List.copyOf(out);
  }
}
