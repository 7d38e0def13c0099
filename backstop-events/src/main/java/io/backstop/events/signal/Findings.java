package io.backstop.events.signal;

import io.backstop.events.Require;
import java.util.List;

/**
 * What triage found beyond the alerted workload's own pods and history: related workloads (the
 * cause is often not the victim), the nodes its pods run on, release trains, pods that differ from
 * their template, Secrets or ConfigMaps changed under running pods, replica changes not made by
 * Backstop, the HorizontalPodAutoscalers that own the replicas of the workloads with evidence, and
 * the NetworkPolicies selecting them that changed recently. Every list may be empty; {@link #NONE}
 * is "nothing found or not gathered". A document written before a list existed reads it as empty.
 */
public record Findings(
    List<RelatedWorkload> related,
    List<NodeReport> nodes,
    List<ReleaseTrain> releaseTrains,
    List<TemplateDrift> drift,
    List<ConfigChange> configChanges,
    List<ReplicaChange> replicaChanges,
    List<Autoscaler> autoscalers,
    List<NetworkPolicyChange> networkPolicies) {

  public static final Findings NONE =
      new Findings(
          List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

  public Findings {
    related = Require.list(related);
    nodes = Require.list(nodes);
    releaseTrains = Require.list(releaseTrains);
    drift = Require.list(drift);
    configChanges = Require.list(configChanges);
    replicaChanges = Require.list(replicaChanges);
    autoscalers = Require.list(autoscalers);
    networkPolicies = Require.list(networkPolicies);
  }

  /** Findings of the contract before NetworkPolicies were read. */
  public Findings(
      List<RelatedWorkload> related,
      List<NodeReport> nodes,
      List<ReleaseTrain> releaseTrains,
      List<TemplateDrift> drift,
      List<ConfigChange> configChanges,
      List<ReplicaChange> replicaChanges,
      List<Autoscaler> autoscalers) {
    this(
        related,
        nodes,
        releaseTrains,
        drift,
        configChanges,
        replicaChanges,
        autoscalers,
        List.of());
  }

  /** Findings of the contract before autoscalers were read. */
  public Findings(
      List<RelatedWorkload> related,
      List<NodeReport> nodes,
      List<ReleaseTrain> releaseTrains,
      List<TemplateDrift> drift,
      List<ConfigChange> configChanges,
      List<ReplicaChange> replicaChanges) {
    this(related, nodes, releaseTrains, drift, configChanges, replicaChanges, List.of(), List.of());
  }

  /** The HPAs that scale the workload (normally one; Kubernetes refuses to act on two). */
  public List<Autoscaler> autoscalersOf(WorkloadRef workload) {
    return autoscalers.stream().filter(a -> a.workload().equals(workload)).toList();
  }

  /** The release trains the Deployment is a leg of. */
  public List<ReleaseTrain> trainsOf(WorkloadRef deployment) {
    return releaseTrains.stream().filter(t -> t.includes(deployment)).toList();
  }

  public List<TemplateDrift> driftOf(WorkloadRef workload) {
    return drift.stream().filter(d -> d.workload().equals(workload)).toList();
  }

  public List<ConfigChange> configChangesOf(WorkloadRef workload) {
    return configChanges.stream().filter(c -> c.workload().equals(workload)).toList();
  }

  /** The recently changed NetworkPolicies that select the workload's pods. */
  public List<NetworkPolicyChange> networkPoliciesOf(WorkloadRef workload) {
    return networkPolicies.stream().filter(n -> n.workload().equals(workload)).toList();
  }

  public List<ReplicaChange> replicaChangesOf(WorkloadRef workload) {
    return replicaChanges.stream().filter(c -> c.workload().equals(workload)).toList();
  }
}
