package io.backstop.triage.findings;

import io.backstop.events.signal.ConfigChange;
import io.backstop.events.signal.ConfigChange.ConfigKind;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.triage.kubernetes.ConfigReferences;
import io.backstop.triage.kubernetes.ConfigReferences.Reference;
import io.backstop.triage.kubernetes.ObjectChange;
import io.backstop.triage.kubernetes.PodObservation;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Secrets and ConfigMaps a workload references that changed within the change window, each with
 * when its running pods started: pods that started before the change hold the old value of an env
 * reference until they restart (a rotated password they never re-read).
 */
public final class ConfigChanges {

  private ConfigChanges() {}

  /** One change, with the text of its evidence item; {@code subject} is "secret/name". */
  public record Found(
      WorkloadRef workload,
      ConfigKind kind,
      String name,
      Instant changedAt,
      Instant oldestPodStart,
      Instant newestPodStart,
      int podsBefore,
      int pods,
      String via,
      Set<ConfigChange.Reference> modes,
      String writer,
      String subject,
      String text) {

    public boolean podsPredateChange() {
      return oldestPodStart != null && oldestPodStart.isBefore(changedAt);
    }

    /** Every reference is env, envFrom or subPath: read once at start, never refreshed. */
    public boolean readAtStart() {
      return !modes.isEmpty() && modes.stream().allMatch(ConfigChange.Reference::heldUntilRestart);
    }
  }

  public static List<Found> of(
      WorkloadRef workload,
      PodSpec template,
      List<PodObservation> pods,
      List<ObjectChange> objects,
      Duration window,
      Instant now) {
    List<Found> out = new ArrayList<>();
    List<Instant> starts =
        pods.stream()
            .filter(p -> !p.terminal())
            .map(PodObservation::createdAt)
            .filter(Objects::nonNull)
            .sorted()
            .toList();
    for (Reference ref : ConfigReferences.of(template)) {
      Optional<ObjectChange> change =
          objects.stream()
              .filter(o -> o.kind() == ref.kind() && o.name().equals(ref.name()))
              .findFirst();
      if (change.isEmpty()
          || change.get().lastWrite() == null
          || change.get().lastWrite().isBefore(now.minus(window))) {
        continue;
      }
      Instant at = change.get().lastWrite();
      Instant oldest = starts.isEmpty() ? null : starts.get(0);
      Instant newest = starts.isEmpty() ? null : starts.get(starts.size() - 1);
      int before = (int) starts.stream().filter(s -> s.isBefore(at)).count();
      String kind = ref.kind() == ConfigKind.SECRET ? "secret" : "configmap";
      String text =
          kind
              + " "
              + ref.name()
              + " (referenced by "
              + ref.via()
              + ") of "
              + workload.namespace()
              + "/"
              + workload.name()
              + (at.equals(change.get().created()) ? " was created at " : " changed at ")
              + at
              + (change.get().writer().isEmpty() ? "" : " by " + change.get().writer())
              + "; "
              + before
              + " of "
              + starts.size()
              + " running pods started before it"
              + (oldest == null ? "" : " (oldest started " + oldest + ", newest " + newest + ")")
              + ". Only its metadata was read.";
      out.add(
          new Found(
              workload,
              ref.kind(),
              ref.name(),
              at,
              oldest,
              newest,
              before,
              starts.size(),
              ref.via(),
              ref.modes(),
              change.get().writer(),
              kind + "/" + ref.name(),
              text));
    }
    out.sort(Comparator.comparing(Found::changedAt).reversed());
    return List.copyOf(out);
  }
}
