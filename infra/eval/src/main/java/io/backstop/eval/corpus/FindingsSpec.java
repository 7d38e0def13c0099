package io.backstop.eval.corpus;

import java.time.Duration;
import java.util.List;

/** What triage found beyond the alerted workload, in the case file's compact form. */
public record FindingsSpec(
    List<Related> related,
    List<Node> nodes,
    List<Train> releaseTrains,
    List<Drift> drift,
    List<ConfigChangeSpec> configChanges,
    List<ReplicaChangeSpec> replicaChanges,
    List<String> skipped,
    List<AutoscalerSpec> autoscalers,
    List<NetworkPolicySpec> networkPolicies) {

  public static final FindingsSpec NONE =
      new FindingsSpec(null, null, null, null, null, null, null, null, null);

  public FindingsSpec {
    related = related == null ? List.of() : List.copyOf(related);
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
    releaseTrains = releaseTrains == null ? List.of() : List.copyOf(releaseTrains);
    drift = drift == null ? List.of() : List.copyOf(drift);
    configChanges = configChanges == null ? List.of() : List.copyOf(configChanges);
    replicaChanges = replicaChanges == null ? List.of() : List.copyOf(replicaChanges);
    skipped = skipped == null ? List.of() : List.copyOf(skipped);
    autoscalers = autoscalers == null ? List.of() : List.copyOf(autoscalers);
    networkPolicies = networkPolicies == null ? List.of() : List.copyOf(networkPolicies);
  }

  /**
   * A NetworkPolicy selecting a workload's pods that triage found created or changed recently:
   * {@code createdAgo} defaults to {@code changedAgo}, {@code generation} to 1, {@code
   * restrictsEgress} to true; {@code allowsDns} whether an egress rule lets port 53 out.
   */
  public record NetworkPolicySpec(
      String name,
      String workload,
      Duration changedAgo,
      Duration createdAgo,
      Long generation,
      Boolean restrictsEgress,
      Boolean allowsDns,
      String changedBy,
      String evidence) {}

  /** A workload related to the alerted one. */
  public record Related(String workload, String relation, String via, List<String> evidence) {}

  /** A node the alerted workload's pods run on; memory as Kubernetes quantities ("8Gi"). */
  public record Node(
      String name,
      List<String> pressure,
      String allocatableMemory,
      String requestedMemory,
      Integer evictions,
      List<String> workloads,
      List<String> evidence,
      List<String> problems) {}

  /** One build that is the current revision of several Deployments. */
  public record Train(String build, List<String> deployments, Duration since) {}

  /** A running pod that differs from its template. */
  public record Drift(
      String workload,
      String pod,
      String container,
      String dimension,
      String template,
      String running,
      String changedBy,
      String evidence) {}

  /**
   * A Secret or ConfigMap a workload references changed; {@code referencedAs} is how its pod
   * template references it (ENV, ENV_FROM, SUB_PATH, VOLUME: a volume mounted whole), empty when
   * the case does not say; {@code changedBy} is who wrote it last, as triage records it.
   */
  public record ConfigChangeSpec(
      String workload,
      String kind,
      String name,
      Duration changedAgo,
      Duration oldestPodStartedAgo,
      String evidence,
      List<String> referencedAs,
      String changedBy) {

    public ConfigChangeSpec {
      referencedAs = referencedAs == null ? List.of() : List.copyOf(referencedAs);
    }
  }

  /**
   * A HorizontalPodAutoscaler that scales a workload; {@code desired} defaults to {@code current},
   * {@code atMax} to "runs its maximum and is ScalingLimited".
   */
  public record AutoscalerSpec(
      String name,
      String workload,
      int min,
      int max,
      int current,
      Integer desired,
      Boolean scalingLimited,
      Boolean atMax,
      String detail,
      String evidence) {}

  /** A change of desired replicas. */
  public record ReplicaChangeSpec(
      String workload,
      int from,
      int to,
      Duration ago,
      String by,
      Boolean byBackstop,
      String evidence) {}
}
