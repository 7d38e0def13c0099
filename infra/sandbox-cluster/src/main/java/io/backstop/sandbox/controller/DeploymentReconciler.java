package io.backstop.sandbox.controller;

import io.backstop.sandbox.store.ClusterStore;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The deployment controller's sync: finds (or creates) the ReplicaSet whose pod-template-hash
 * matches the Deployment's template — reusing an old one on rollback and renumbering its revision
 * to max+1, as the real controller does — records the revision on the Deployment, and takes one
 * rolling-update step within maxSurge/maxUnavailable.
 */
final class DeploymentReconciler {

  private static final String COMPONENT = "deployment-controller";

  private final ClusterStore store;
  private final TemplateHash hashes;
  private final EventRecorder events;

  DeploymentReconciler(ClusterStore store, TemplateHash hashes, EventRecorder events) {
    this.store = store;
    this.hashes = hashes;
    this.events = events;
  }

  /** One sync step; {@code readyPods} counts the ready pods of a ReplicaSet. */
  void sync(
      Deployment d, List<ReplicaSet> owned, ToIntFunction<ReplicaSet> readyPods, Instant now) {
    String hash = hashes.of(d.getSpec().getTemplate());
    long maxRevision = owned.stream().mapToLong(Revisions::of).max().orElse(0);
    ReplicaSet newRs =
        owned.stream()
            .filter(rs -> hash.equals(Revisions.label(rs, Annotations.POD_TEMPLATE_HASH)))
            .findFirst()
            .orElse(null);
    Map<String, ReplicaSet> dirty = new LinkedHashMap<>();
    if (newRs == null) {
      newRs = newReplicaSet(d, hash, maxRevision + 1, now);
      owned = new ArrayList<>(owned);
      owned.add(newRs);
    } else if (Revisions.of(newRs) < maxRevision) {
      renumber(newRs, maxRevision + 1);
      dirty.put(newRs.getMetadata().getName(), newRs);
    }
    markRevision(d, Revisions.of(newRs));
    List<ReplicaSet> olds = new ArrayList<>(owned);
    olds.remove(newRs);
    olds.sort(Comparator.comparingLong(Revisions::of));
    Map<String, Integer> before = replicas(owned);
    scale(d, newRs, olds, readyPods);
    for (ReplicaSet rs : owned) {
      int was = before.get(rs.getMetadata().getName());
      int now2 = replicasOf(rs);
      if (was != now2) {
        dirty.put(rs.getMetadata().getName(), rs);
        events.normal(
            d,
            COMPONENT,
            "ScalingReplicaSet",
            "Scaled "
                + (now2 > was ? "up" : "down")
                + " replica set "
                + rs.getMetadata().getName()
                + " from "
                + was
                + " to "
                + now2);
      }
    }
    dirty.values().forEach(store::replace);
  }

  private void scale(
      Deployment d, ReplicaSet newRs, List<ReplicaSet> olds, ToIntFunction<ReplicaSet> ready) {
    int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    if (RolloutMath.recreate(d.getSpec().getStrategy())) {
      boolean oldRunning =
          olds.stream().anyMatch(rs -> replicasOf(rs) > 0 || ready.applyAsInt(rs) > 0);
      olds.forEach(rs -> setReplicas(rs, 0));
      if (!oldRunning) {
        setReplicas(newRs, desired);
      }
      return;
    }
    RolloutMath math = RolloutMath.of(d.getSpec().getStrategy(), desired);
    int total = replicasOf(newRs) + olds.stream().mapToInt(DeploymentReconciler::replicasOf).sum();
    if (replicasOf(newRs) > desired || olds.stream().allMatch(rs -> replicasOf(rs) == 0)) {
      setReplicas(newRs, desired);
    } else if (replicasOf(newRs) < desired) {
      int allowed = desired + math.maxSurge() - total;
      if (allowed > 0) {
        setReplicas(newRs, Math.min(desired, replicasOf(newRs) + allowed));
      }
    }
    scaleDownOld(newRs, olds, ready, desired - math.maxUnavailable());
  }

  private static void scaleDownOld(
      ReplicaSet newRs, List<ReplicaSet> olds, ToIntFunction<ReplicaSet> ready, int minAvailable) {
    int allPods =
        replicasOf(newRs) + olds.stream().mapToInt(DeploymentReconciler::replicasOf).sum();
    int newUnavailable = Math.max(0, replicasOf(newRs) - ready.applyAsInt(newRs));
    int maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) {
      return;
    }
    for (ReplicaSet rs : olds) {
      int unhealthy = Math.max(0, replicasOf(rs) - ready.applyAsInt(rs));
      int down = Math.min(unhealthy, maxScaledDown);
      setReplicas(rs, replicasOf(rs) - down);
      maxScaledDown -= down;
    }
    int available = ready.applyAsInt(newRs) + olds.stream().mapToInt(ready).sum();
    int canDown = Math.min(maxScaledDown, available - minAvailable);
    for (ReplicaSet rs : olds) {
      if (canDown <= 0) {
        break;
      }
      int down = Math.min(replicasOf(rs), canDown);
      setReplicas(rs, replicasOf(rs) - down);
      canDown -= down;
    }
  }

  private ReplicaSet newReplicaSet(Deployment d, String hash, long revision, Instant now) {
    PodTemplateSpec template = store.json().clone(d.getSpec().getTemplate());
    Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
    labels.put(Annotations.POD_TEMPLATE_HASH, hash);
    template.getMetadata().setLabels(labels);
    Map<String, String> selector = new HashMap<>(d.getSpec().getSelector().getMatchLabels());
    selector.put(Annotations.POD_TEMPLATE_HASH, hash);
    ReplicaSet rs =
        new ReplicaSetBuilder()
            .withMetadata(
                new ObjectMetaBuilder()
                    .withName(d.getMetadata().getName() + "-" + hash)
                    .withNamespace(d.getMetadata().getNamespace())
                    .withLabels(labels)
                    .withAnnotations(newAnnotations(d, template, revision))
                    .withCreationTimestamp(now.toString())
                    .withOwnerReferences(Owners.controllerRef(d))
                    .build())
            .withNewSpec()
            .withReplicas(0)
            .withNewSelector()
            .withMatchLabels(selector)
            .endSelector()
            .withTemplate(template)
            .endSpec()
            .build();
    return store.create(rs);
  }

  private static Map<String, String> newAnnotations(
      Deployment d, PodTemplateSpec template, long revision) {
    Map<String, String> annotations = new HashMap<>();
    int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    annotations.put(Annotations.REVISION, Long.toString(revision));
    annotations.put(Annotations.DESIRED_REPLICAS, Integer.toString(desired));
    annotations.put(
        Annotations.MAX_REPLICAS,
        Integer.toString(desired + RolloutMath.of(d.getSpec().getStrategy(), desired).maxSurge()));
    Map<String, String> fromDeployment = d.getMetadata().getAnnotations();
    if (fromDeployment != null && fromDeployment.containsKey(Annotations.CHANGE_CAUSE)) {
      annotations.put(Annotations.CHANGE_CAUSE, fromDeployment.get(Annotations.CHANGE_CAUSE));
    }
    Map<String, String> fromTemplate = template.getMetadata().getAnnotations();
    if (fromTemplate != null && fromTemplate.containsKey(Annotations.GIT_SHA)) {
      annotations.put(Annotations.GIT_SHA, fromTemplate.get(Annotations.GIT_SHA));
    }
    return annotations;
  }

  private static void renumber(ReplicaSet rs, long revision) {
    Map<String, String> annotations = new HashMap<>(rs.getMetadata().getAnnotations());
    String old = annotations.get(Annotations.REVISION);
    String history = annotations.get(Annotations.REVISION_HISTORY);
    annotations.put(
        Annotations.REVISION_HISTORY,
        history == null || history.isEmpty() ? old : history + "," + old);
    annotations.put(Annotations.REVISION, Long.toString(revision));
    rs.getMetadata().setAnnotations(annotations);
  }

  private void markRevision(Deployment d, long revision) {
    Map<String, String> annotations =
        d.getMetadata().getAnnotations() == null
            ? new HashMap<>()
            : new HashMap<>(d.getMetadata().getAnnotations());
    String value = Long.toString(revision);
    if (!value.equals(annotations.get(Annotations.REVISION))) {
      annotations.put(Annotations.REVISION, value);
      d.getMetadata().setAnnotations(annotations);
      Deployment stored = store.replace(d);
      d.setMetadata(stored.getMetadata());
    }
  }

  private static Map<String, Integer> replicas(List<ReplicaSet> sets) {
    Map<String, Integer> out = new HashMap<>();
    sets.forEach(rs -> out.put(rs.getMetadata().getName(), replicasOf(rs)));
    return out;
  }

  static int replicasOf(ReplicaSet rs) {
    return rs.getSpec().getReplicas() == null ? 0 : rs.getSpec().getReplicas();
  }

  private static void setReplicas(ReplicaSet rs, int replicas) {
    rs.getSpec().setReplicas(Math.max(0, replicas));
  }
}
