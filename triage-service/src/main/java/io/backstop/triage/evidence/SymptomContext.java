package io.backstop.triage.evidence;

import io.backstop.events.id.EvidenceId;
import io.backstop.events.signal.ConfigChange.ConfigKind;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.SymptomKind;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.triage.findings.ConfigChanges;
import io.backstop.triage.findings.Drift;
import io.backstop.triage.findings.NodeFindings;
import io.backstop.triage.findings.ReplicaChanges;
import io.backstop.triage.kubernetes.PodObservation;
import io.backstop.triage.kubernetes.PodUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Names what a workload's own symptoms mean once what surrounds it is known. Each rule turns a fact
 * of the cluster into a symptom that says which actions fit:
 *
 * <ul>
 *   <li>STALE_CREDENTIAL: authentication fails, a Secret it references changed after its pods
 *       started, the failures did not begin before the change, and no pod started after the change
 *       fails the same way (else the new value is wrong too: CREDENTIAL_FAILURE stays).
 *   <li>CONFIG_CHANGED: it fails, and a Secret or ConfigMap it references changed after its oldest
 *       running pod started, not after the failure began.
 *   <li>NODE_MEMORY_PRESSURE in place of OOM_KILLED: its containers were OOM-killed on a node under
 *       memory pressure (or where the kernel OOM killer ran) while using less than the threshold
 *       share of their own limit: the node, not the container, ran out.
 *   <li>SCALED_EXTERNALLY: its desired replicas were changed by a write that was not Backstop's,
 *       down to zero, or shortly before it began to fail.
 *   <li>TEMPLATE_DRIFT: its running pods differ from their template in the dimension that fails (a
 *       rewritten memory limit and OOM kills, an injected container that is itself failing).
 *   <li>DEPENDENCY_FAILURE: its errors began no earlier than a failure of a workload it depends on.
 * </ul>
 */
final class SymptomContext {

  static final Duration SLACK = Duration.ofMinutes(1);

  static final Set<SymptomKind> FAILING =
      EnumSet.of(
          SymptomKind.CRASH_LOOP,
          SymptomKind.ERROR_RATE,
          SymptomKind.OOM_KILLED,
          SymptomKind.IMAGE_PULL_FAILURE,
          SymptomKind.CREDENTIAL_FAILURE,
          SymptomKind.WEDGED_PODS,
          SymptomKind.EPHEMERAL_STORAGE,
          SymptomKind.NODE_MEMORY_PRESSURE,
          SymptomKind.CERTIFICATE_EXPIRY,
          SymptomKind.DNS_FAILURE,
          SymptomKind.VOLUME_CONFLICT,
          SymptomKind.LATENCY);

  private SymptomContext() {}

  /** What surrounds one workload, each finding with the id of its evidence item. */
  record Surroundings(
      WorkloadRef workload,
      Instant onset,
      List<Cited<PodObservation>> pods,
      List<Cited<LogExcerpt>> logs,
      List<Cited<PodUsage>> usage,
      List<Cited<ConfigChanges.Found>> configChanges,
      List<Cited<ReplicaChanges.Found>> replicaChanges,
      List<Cited<Drift.Found>> drift,
      List<Cited<NodeFindings.Found>> nodes,
      Map<WorkloadRef, List<Symptom>> dependencies,
      double memoryLimitThreshold) {}

  static List<Symptom> apply(List<Symptom> own, Surroundings s) {
    List<Symptom> out = new ArrayList<>(own);
    credentials(out, s);
    configChanged(out, s);
    nodePressure(out, s);
    scaled(out, s);
    drift(out, s);
    dependency(out, s);
    return List.copyOf(out);
  }

  private static void credentials(List<Symptom> out, Surroundings s) {
    Optional<Symptom> failure = find(out, SymptomKind.CREDENTIAL_FAILURE);
    if (failure.isEmpty()) {
      return;
    }
    Instant began = began(failure.get(), s);
    for (Cited<ConfigChanges.Found> c : s.configChanges()) {
      ConfigChanges.Found f = c.value();
      if (f.kind() != ConfigKind.SECRET || !f.podsPredateChange()) {
        continue;
      }
      if (began != null && began.isBefore(f.changedAt().minus(SLACK))) {
        continue;
      }
      if (newPodsFailToo(s, f.changedAt())) {
        continue;
      }
      out.remove(failure.get());
      out.add(
          new Symptom(
              SymptomKind.STALE_CREDENTIAL,
              s.workload(),
              began == null ? f.changedAt() : began,
              ids(failure.get().evidence(), List.of(c.id())),
              "authentication fails ("
                  + failure.get().detail()
                  + ") after secret "
                  + f.name()
                  + " changed at "
                  + f.changedAt()
                  + "; "
                  + f.podsBefore()
                  + " of "
                  + f.pods()
                  + " running pods started before the change and still hold the old value ("
                  + f.via()
                  + "): a restart re-reads it"));
      return;
    }
  }

  /** Whether a pod that started after the change logs authentication failures too. */
  private static boolean newPodsFailToo(Surroundings s, Instant changedAt) {
    return s.logs().stream()
        .filter(l -> LogPhrases.CREDENTIAL.matcher(l.value().text()).find())
        .map(l -> l.value().pod())
        .anyMatch(
            pod ->
                s.pods().stream()
                    .map(Cited::value)
                    .filter(p -> p.name().equals(pod))
                    .anyMatch(p -> p.createdAt() != null && p.createdAt().isAfter(changedAt)));
  }

  private static void configChanged(List<Symptom> out, Surroundings s) {
    List<Symptom> failing = out.stream().filter(x -> FAILING.contains(x.kind())).toList();
    if (failing.isEmpty()) {
      return;
    }
    Instant began = earliest(failing.stream().map(x -> began(x, s)));
    List<Cited<ConfigChanges.Found>> changed =
        s.configChanges().stream()
            .filter(c -> c.value().podsPredateChange())
            .filter(c -> began == null || !began.isBefore(c.value().changedAt().minus(SLACK)))
            .toList();
    if (changed.isEmpty()) {
      return;
    }
    String names =
        String.join(
            ", ",
            changed.stream()
                .map(c -> c.value().subject() + " at " + c.value().changedAt())
                .toList());
    out.add(
        new Symptom(
            SymptomKind.CONFIG_CHANGED,
            s.workload(),
            changed.get(0).value().changedAt(),
            changed.stream().map(Cited::id).flatMap(Optional::stream).toList(),
            "changed after its pods started: "
                + names
                + "; the pods still run with what they read at start"));
  }

  private static void nodePressure(List<Symptom> out, Surroundings s) {
    Optional<Symptom> oom = find(out, SymptomKind.OOM_KILLED);
    List<Cited<NodeFindings.Found>> pressured =
        s.nodes().stream().filter(n -> n.value().underMemoryPressure()).toList();
    if (oom.isEmpty() || pressured.isEmpty() || atOwnLimit(s)) {
      return;
    }
    out.remove(oom.get());
    if (find(out, SymptomKind.NODE_MEMORY_PRESSURE).isPresent()) {
      return;
    }
    out.add(
        new Symptom(
            SymptomKind.NODE_MEMORY_PRESSURE,
            s.workload(),
            oom.get().since(),
            ids(oom.get().evidence(), pressured.stream().map(Cited::id).toList()),
            oom.get().detail()
                + " on node "
                + String.join(", ", pressured.stream().map(n -> n.value().name()).toList())
                + " under memory pressure, below their own limit: a victim of the node"));
  }

  /** Whether any pod uses at least the threshold share of its own memory limit now. */
  private static boolean atOwnLimit(Surroundings s) {
    return s.usage().stream()
        .anyMatch(u -> u.value().memoryShare().orElse(0.0) >= s.memoryLimitThreshold());
  }

  private static void scaled(List<Symptom> out, Surroundings s) {
    Instant began =
        earliest(out.stream().filter(x -> FAILING.contains(x.kind())).map(x -> began(x, s)));
    for (Cited<ReplicaChanges.Found> c : s.replicaChanges()) {
      ReplicaChanges.Found f = c.value();
      boolean followed = began != null && !began.isBefore(f.at().minus(SLACK));
      if (f.byBackstop() || !(f.to() == 0 || followed)) {
        continue;
      }
      out.add(
          new Symptom(
              SymptomKind.SCALED_EXTERNALLY,
              s.workload(),
              f.at(),
              c.id().stream().toList(),
              "desired replicas "
                  + f.from()
                  + " -> "
                  + f.to()
                  + " at "
                  + f.at()
                  + " by "
                  + (f.by().isEmpty() ? "a writer the cluster does not record" : f.by())
                  + ", not Backstop; it ran with "
                  + f.from()
                  + " before"));
    }
  }

  private static void drift(List<Symptom> out, Surroundings s) {
    Set<SymptomKind> kinds = EnumSet.noneOf(SymptomKind.class);
    out.forEach(x -> kinds.add(x.kind()));
    List<Cited<Drift.Found>> implicated =
        s.drift().stream().filter(d -> implicated(d.value(), kinds, s)).toList();
    if (implicated.isEmpty()) {
      return;
    }
    out.add(
        new Symptom(
            SymptomKind.TEMPLATE_DRIFT,
            s.workload(),
            null,
            implicated.stream().map(Cited::id).flatMap(Optional::stream).toList(),
            "running pods differ from their template where they fail: "
                + String.join(
                    "; ",
                    implicated.stream()
                        .map(
                            d ->
                                d.value().container()
                                    + " "
                                    + d.value().dimension()
                                    + " '"
                                    + d.value().template()
                                    + "' -> '"
                                    + d.value().running()
                                    + "'"
                                    + (d.value().changedBy().isEmpty()
                                        ? ""
                                        : " by " + d.value().changedBy()))
                        .toList())
                + "; a rollback restores a template the same mutation rewrites"));
  }

  static boolean implicated(Drift.Found d, Set<SymptomKind> kinds, Surroundings s) {
    boolean crashing = kinds.contains(SymptomKind.CRASH_LOOP);
    boolean oom =
        kinds.contains(SymptomKind.OOM_KILLED)
            || kinds.contains(SymptomKind.NODE_MEMORY_PRESSURE)
            || s.pods().stream()
                .anyMatch(p -> "OOMKilled".equals(p.value().lastTerminatedReason()));
    return switch (d.dimension()) {
      case MEMORY_LIMIT, MEMORY_REQUEST -> oom || kinds.contains(SymptomKind.MEMORY_GROWTH);
      case CPU_LIMIT, CPU_REQUEST ->
          kinds.contains(SymptomKind.SATURATION) || kinds.contains(SymptomKind.LATENCY);
      case IMAGE ->
          crashing
              || kinds.contains(SymptomKind.IMAGE_PULL_FAILURE)
              || kinds.contains(SymptomKind.ERROR_RATE);
      case ENV ->
          crashing
              || kinds.contains(SymptomKind.CREDENTIAL_FAILURE)
              || kinds.contains(SymptomKind.DNS_FAILURE);
      case INJECTED_CONTAINER ->
          s.pods().stream().anyMatch(p -> p.value().failingContainers().contains(d.container()));
    };
  }

  private static void dependency(List<Symptom> out, Surroundings s) {
    Optional<Symptom> errors =
        find(out, SymptomKind.ERROR_RATE).or(() -> find(out, SymptomKind.LATENCY));
    if (errors.isEmpty() || s.dependencies().isEmpty()) {
      return;
    }
    Instant began = began(errors.get(), s);
    for (var dep : s.dependencies().entrySet()) {
      List<Symptom> failing =
          dep.getValue().stream()
              .filter(x -> FAILING.contains(x.kind()) || x.kind() == SymptomKind.SCALED_EXTERNALLY)
              .toList();
      if (failing.isEmpty()) {
        continue;
      }
      Instant depBegan = earliest(failing.stream().map(Symptom::since));
      if (began != null && depBegan != null && began.isBefore(depBegan.minus(SLACK))) {
        continue;
      }
      List<EvidenceId> ids = new ArrayList<>(errors.get().evidence());
      failing.forEach(f -> ids.addAll(f.evidence()));
      out.add(
          new Symptom(
              SymptomKind.DEPENDENCY_FAILURE,
              s.workload(),
              began,
              ids.stream().distinct().toList(),
              "its errors"
                  + (began == null ? "" : " since " + began)
                  + " follow the failure of "
                  + dep.getKey().namespace()
                  + "/"
                  + dep.getKey().name()
                  + ", which it depends on ("
                  + String.join(
                      ", ", failing.stream().map(f -> f.kind().name()).distinct().toList())
                  + (depBegan == null ? "" : " since " + depBegan)
                  + "): the fix belongs to the dependency"));
      return;
    }
  }

  /** When a symptom began: its own time, else the workload's onset. */
  private static Instant began(Symptom x, Surroundings s) {
    return x.since() != null ? x.since() : s.onset();
  }

  private static Optional<Symptom> find(List<Symptom> symptoms, SymptomKind kind) {
    return symptoms.stream().filter(x -> x.kind() == kind).findFirst();
  }

  private static List<EvidenceId> ids(List<EvidenceId> first, List<Optional<EvidenceId>> more) {
    return Stream.concat(first.stream(), more.stream().flatMap(Optional::stream))
        .distinct()
        .sorted(Comparator.comparingInt(id -> Integer.parseInt(id.value().substring(1))))
        .toList();
  }

  private static Instant earliest(Stream<Instant> times) {
    return times.filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
  }
}
