package io.backstop.triage.kubernetes;

import io.backstop.events.MetadataKeys;
import io.backstop.events.signal.DeploymentStrategy;
import io.backstop.events.signal.Workload;
import io.backstop.events.signal.WorkloadKind;
import io.backstop.events.signal.WorkloadRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The namespace's workloads, with the labels the action gate reads for protection and whether each
 * is a singleton (annotated {@code backstop.io/singleton=true}, or its pods hit a Multi-Attach
 * conflict on a ReadWriteOnce volume), whether a Deployment's rollout is paused, its rollout
 * strategy (a Recreate Deployment's restart is a full outage), a hold its owners declared ({@link
 * Holds}), which GitOps controller owns each ({@link GitOpsOwners}) and which operator's custom
 * resource controls it ({@link Operators}), the alerted and related workloads first.
 */
public final class Inventory {

  private Inventory() {}

  public static List<Workload> of(List<Deployment> deployments, List<StatefulSet> statefulSets) {
    return of(deployments, statefulSets, Set.of(), List.of());
  }

  /**
   * @param conflicted workloads whose pods showed a Multi-Attach conflict
   * @param first the workloads to list first, in order (the alerted one, then the related ones)
   */
  public static List<Workload> of(
      List<Deployment> deployments,
      List<StatefulSet> statefulSets,
      Set<WorkloadRef> conflicted,
      List<WorkloadRef> first) {
    return of(deployments, statefulSets, conflicted, first, null);
  }

  /**
   * @param claims the namespace's PersistentVolumeClaims, or null when they could not be listed
   *     (every claim a Deployment mounts is then recorded with unknown access modes)
   */
  public static List<Workload> of(
      List<Deployment> deployments,
      List<StatefulSet> statefulSets,
      Set<WorkloadRef> conflicted,
      List<WorkloadRef> first,
      List<PersistentVolumeClaim> claims) {
    Map<String, List<String>> modes = VolumeClaims.accessModes(claims);
    List<Workload> workloads = new ArrayList<>();
    for (Deployment d : deployments) {
      WorkloadRef ref = Rollouts.ref(d);
      workloads.add(
          new Workload(
                  ref,
                  nonNull(d.getSpec() == null ? null : d.getSpec().getReplicas()),
                  nonNull(d.getStatus() == null ? null : d.getStatus().getReadyReplicas()),
                  d.getMetadata().getLabels(),
                  singleton(d) || conflicted.contains(ref),
                  d.getSpec() != null && Boolean.TRUE.equals(d.getSpec().getPaused()))
              .withGitOps(GitOpsOwners.of(d).orElse(null))
              .withStrategy(strategy(d))
              .withHold(Holds.of(d).orElse(null))
              .withOperator(Operators.of(d).orElse(null))
              .withClaims(VolumeClaims.mounted(d, modes)));
    }
    for (StatefulSet s : statefulSets) {
      WorkloadRef ref =
          new WorkloadRef(
              WorkloadKind.STATEFULSET, s.getMetadata().getNamespace(), s.getMetadata().getName());
      workloads.add(
          new Workload(
                  ref,
                  nonNull(s.getSpec() == null ? null : s.getSpec().getReplicas()),
                  nonNull(s.getStatus() == null ? null : s.getStatus().getReadyReplicas()),
                  s.getMetadata().getLabels(),
                  singleton(s) || conflicted.contains(ref),
                  false)
              .withGitOps(GitOpsOwners.of(s).orElse(null))
              .withOperator(Operators.of(s).orElse(null)));
    }
    workloads.sort(
        Comparator.comparingInt(
            (Workload w) -> first.contains(w.ref()) ? first.indexOf(w.ref()) : first.size()));
    return List.copyOf(workloads);
  }

  /**
   * A Deployment's {@code spec.strategy.type}; an absent type is RollingUpdate, as the API server
   * defaults it. A type this version does not know is taken as Recreate: a restart of it may stop
   * every pod, so the guardrail asks a person rather than assume a rolling one.
   */
  static DeploymentStrategy strategy(Deployment d) {
    String type =
        d.getSpec() == null || d.getSpec().getStrategy() == null
            ? null
            : d.getSpec().getStrategy().getType();
    if (type == null || type.isBlank() || "RollingUpdate".equals(type)) {
      return DeploymentStrategy.ROLLING_UPDATE;
    }
    return DeploymentStrategy.RECREATE;
  }

  private static boolean singleton(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations != null
        && "true".equalsIgnoreCase(annotations.getOrDefault(MetadataKeys.SINGLETON, ""));
  }

  private static int nonNull(Integer value) {
    return value == null ? 0 : Math.max(0, value);
  }
}
