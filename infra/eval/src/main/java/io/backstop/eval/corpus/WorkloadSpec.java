package io.backstop.eval.corpus;

import io.backstop.events.signal.DeploymentStrategy;
import io.backstop.events.signal.GitOpsOwner;
import io.backstop.events.signal.OperatorOwner;
import io.backstop.events.signal.VolumeClaim;
import io.backstop.events.signal.WorkloadHold;
import java.util.List;
import java.util.Map;

/**
 * A workload of the namespace as triage's inventory shows it. {@code kind} is Deployment unless
 * given (StatefulSet, DaemonSet); {@code ready} defaults to {@code replicas}; revisions are the
 * rollout history, the last one current unless one says {@code current: true}; {@code paused} is a
 * Deployment whose rollout its owner paused ({@code spec.paused}); {@code gitOps} the GitOps
 * controller that applies it from Git, as triage reads it from the object's metadata ({@code
 * {controller: argocd|flux-kustomize|flux-helm, application: ..., source: ...}}); {@code strategy}
 * a Deployment's rollout strategy as triage records it ({@code RECREATE} or {@code ROLLING_UPDATE};
 * absent: unknown, as in events of older triage versions); {@code hold} a hold its owners declared
 * ({@code {reason: ..., source: ...}}); {@code operator} the operator whose custom resource
 * controls it, from its controller ownerReference ({@code {apiVersion: kafka.strimzi.io/v1beta2,
 * kind: KafkaConnect, name: connect, managedBy: strimzi-cluster-operator}}); {@code claims} the
 * PersistentVolumeClaims its pod template mounts with their access modes ({@code [{name: spool,
 * accessModes: [ReadWriteOncePod]}]}; absent: not recorded).
 */
public record WorkloadSpec(
    String name,
    String kind,
    Integer replicas,
    Integer ready,
    Map<String, String> labels,
    Boolean protectedLabel,
    Boolean singleton,
    Boolean paused,
    GitOpsOwner gitOps,
    DeploymentStrategy strategy,
    WorkloadHold hold,
    OperatorOwner operator,
    List<VolumeClaim> claims,
    List<RevisionSpec> revisions) {

  public WorkloadSpec {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    revisions = revisions == null ? List.of() : List.copyOf(revisions);
  }
}
