package io.backstop.events.signal;

import io.backstop.events.Require;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

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

  // Read on every review (backstop-safety's facts): a loop, and no new list when nothing matches.

  /** The HPAs that scale the workload (normally one; Kubernetes refuses to act on two). */
  public List<Autoscaler> autoscalersOf(WorkloadRef workload) {
    return matching(autoscalers, a -> a.workload().equals(workload));
  }

  /** The release trains the Deployment is a leg of. */
  public List<ReleaseTrain> trainsOf(WorkloadRef deployment) {
    return matching(releaseTrains, t -> t.includes(deployment));
  }

  public List<TemplateDrift> driftOf(WorkloadRef workload) {
    return matching(drift, d -> d.workload().equals(workload));
  }

  public List<ConfigChange> configChangesOf(WorkloadRef workload) {
    return matching(configChanges, c -> c.workload().equals(workload));
  }

  /** The recently changed NetworkPolicies that select the workload's pods. */
  public List<NetworkPolicyChange> networkPoliciesOf(WorkloadRef workload) {
    return matching(networkPolicies, n -> n.workload().equals(workload));
  }

  public List<ReplicaChange> replicaChangesOf(WorkloadRef workload) {
    return matching(replicaChanges, c -> c.workload().equals(workload));
  }

  /** The elements that match, in order, unmodifiable. */
  private static <T> List<T> matching(List<T> all, Predicate<T> matches) {
    List<T> found = null;
    for (int i = 0, n = all.size(); i < n; i++) {
      T element = all.get(i);
      if (matches.test(element)) {
        if (found == null) {
          found = new ArrayList<>(n - i);
        }
        found.add(element);
      }
    }
    return found == null ? List.of() : Collections.unmodifiableList(found);
  }
}
