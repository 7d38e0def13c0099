package io.backstop.sandbox.controller;

import io.backstop.sandbox.spec.DeploymentSpec;
import io.backstop.sandbox.spec.FaultSpec;
import io.backstop.sandbox.spec.NamespaceSpec;
import io.backstop.sandbox.spec.RevisionSpec;
import io.backstop.sandbox.spec.SandboxSpec;
import io.backstop.sandbox.spec.SecretSpec;
import io.backstop.sandbox.spec.StatefulSetSpec;
import io.backstop.sandbox.store.ClusterStore;
import io.backstop.sandbox.workload.WorkloadSimulator;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts a {@link SandboxSpec} into the store as the cluster would look after its history: its nodes;
 * each Deployment with one ReplicaSet per revision (image, git SHA, change cause, env, creation
 * time from {@code deployedAgo}), the current one scaled up with running pods on its node, and a
 * Service selecting its pods; StatefulSets with their pods; Secrets (generated values, written
 * {@code changedAgo}); which Deployment calls which (an env value naming another's Service); and
 * the fault: a deferred bad revision rolled out through the controller, a condition, a scale by
 * someone other than Backstop, or a Secret rotated under running pods.
 */
public final class ClusterLoader {

  private static final Duration MAX_POD_AGE = Duration.ofMinutes(10);
  private static final Duration EVENT_TTL = Duration.ofHours(1);

  private final ClusterStore store;
  private final ControllerLoop loop;
  private final WorkloadSimulator simulator;
  private final Clock clock;

  public ClusterLoader(
      ClusterStore store, ControllerLoop loop, WorkloadSimulator simulator, Clock clock) {
    this.store = store;
    this.loop = loop;
    this.simulator = simulator;
    this.clock = clock;
  }

  public void load(SandboxSpec spec) {
    store.atomically(
        () -> {
          Instant now = clock.instant();
          Set<String> names = new LinkedHashSet<>(List.of("default", "kube-system"));
          spec.namespaces().forEach(ns -> names.add(ns.name()));
          for (String name : names) {
            Map<String, String> labels = new HashMap<>(Map.of("kubernetes.io/metadata.name", name));
            spec.namespaces().stream()
                .filter(ns -> ns.name().equals(name))
                .findFirst()
                .ifPresent(ns -> labels.putAll(ns.labels()));
            store.create(
                new NamespaceBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withLabels(labels)
                    .endMetadata()
                    .build());
          }
          spec.nodes().forEach(n -> store.create(Nodes.node(n, now)));
          for (NamespaceSpec ns : spec.namespaces()) {
            ns.secrets().forEach(secret -> loadSecret(ns.name(), secret, now));
            ns.deployments().forEach(d -> loadDeployment(spec, ns.name(), d, now));
            ns.statefulSets().forEach(s -> loadStatefulSet(ns.name(), s, now));
            declareDependencies(ns);
          }
          spec.faultSpec().filter(FaultSpec::isCondition).ifPresent(f -> scheduleCondition(f, now));
          spec.faultSpec()
              .filter(f -> f.kind() == FaultSpec.Kind.ROTATION)
              .ifPresent(f -> scheduleRotation(f, now));
          spec.faultSpec()
              .filter(f -> f.kind() == FaultSpec.Kind.SCALE)
              .ifPresent(f -> scheduleScale(f, now));
        });
  }

  private void loadDeployment(SandboxSpec spec, String ns, DeploymentSpec d, Instant now) {
    List<RevisionSpec> revisions = new ArrayList<>(d.revisions());
    revisions.sort(Comparator.comparingLong(RevisionSpec::revision));
    boolean deferred = spec.deferredFaultOn(ns, d.name());
    if (deferred && revisions.size() < 2) {
      throw new IllegalArgumentException(
          "deployment "
              + ns
              + "/"
              + d.name()
              + ": a deferred fault needs a revision before the bad one");
    }
    RevisionSpec current = revisions.get(revisions.size() - (deferred ? 2 : 1));
    Deployment deployment =
        store.create(LoadedObjects.deployment(ns, d, current, revisions.get(0), now));
    store.backdate(deployment, now.minus(revisions.get(0).deployedAgo()));
    store.create(Nodes.service(ns, d.name(), d.labels(), d.port()));
    simulator.declareDeployment(ns, d.name(), d.requestsPerSecond(), d.logs(), d.replicas());
    Set<String> hashes = new HashSet<>();
    ReplicaSet previous = null;
    for (RevisionSpec revision : revisions) {
      if (revision.revision() > current.revision()) {
        break;
      }
      PodTemplateSpec template = LoadedObjects.template(d, revision);
      String hash = loop.hashes().of(template);
      if (!hashes.add(hash)) {
        throw new IllegalArgumentException(
            "deployment "
                + ns
                + "/"
                + d.name()
                + ": revision "
                + revision.revision()
                + " has the same image and SHA as an earlier one; revisions must differ");
      }
      boolean isCurrent = revision == current;
      ReplicaSet rs =
          store.create(
              LoadedObjects.replicaSet(deployment, d, revision, template, hash, isCurrent, now));
      store.backdate(rs, now.minus(revision.deployedAgo()));
      recordRollout(deployment, rs, previous, d.replicas(), now.minus(revision.deployedAgo()), now);
      previous = rs;
      if (isCurrent) {
        Instant podsFrom = now.minus(podAge(revision.deployedAgo()));
        for (int i = 0; i < d.replicas(); i++) {
          loop.pods()
              .create(
                  rs,
                  rs.getMetadata().getName() + "-" + loop.pods().suffix(),
                  rs.getSpec().getTemplate(),
                  Map.of(),
                  d.name(),
                  podsFrom);
        }
      }
    }
    if (deferred) {
      RevisionSpec bad = revisions.get(revisions.size() - 1);
      Instant at = now.plus(spec.fault().after());
      loop.schedule(
          at,
          "roll out " + ns + "/" + d.name() + " revision " + bad.revision(),
          () -> rollOut(ns, d, bad));
    }
  }

  /** The deployment controller's events of a rollout in the last hour (events live an hour). */
  private void recordRollout(
      Deployment deployment,
      ReplicaSet rs,
      ReplicaSet previous,
      int replicas,
      Instant at,
      Instant now) {
    if (at.isBefore(now.minus(EVENT_TTL))) {
      return;
    }
    var events = loop.events();
    String component = "deployment-controller";
    events.normalAt(
        deployment,
        component,
        "ScalingReplicaSet",
        "Scaled up replica set " + rs.getMetadata().getName() + " from 0 to " + replicas,
        at);
    if (previous != null) {
      events.normalAt(
          deployment,
          component,
          "ScalingReplicaSet",
          "Scaled down replica set "
              + previous.getMetadata().getName()
              + " from "
              + replicas
              + " to 0",
          at);
    }
  }

  /** A Secret with a generated value, created long ago and last written {@code changedAgo}. */
  private void loadSecret(String ns, SecretSpec secret, Instant now) {
    Instant written = now.minus(secret.changedAgo());
    Secret created =
        store.create(
            new SecretBuilder()
                .withNewMetadata()
                .withName(secret.name())
                .withNamespace(ns)
                .withCreationTimestamp(written.minus(Duration.ofDays(30)).toString())
                .withManagedFields(Nodes.write("kubectl-create", "", written, Nodes.DATA))
                .endMetadata()
                .withType("Opaque")
                .withData(Map.of("password", Nodes.generatedValue(ns + "/" + secret.name(), 0)))
                .build());
    store.backdate(created, written.minus(Duration.ofDays(30)));
  }

  /** A caller whose env names another Deployment's Service as a host calls that Deployment. */
  private void declareDependencies(NamespaceSpec ns) {
    for (DeploymentSpec caller : ns.deployments()) {
      for (DeploymentSpec callee : ns.deployments()) {
        if (caller != callee && Nodes.namesHost(caller.env().values(), callee.name(), ns.name())) {
          simulator.declareDependency(ns.name(), caller.name(), callee.name(), callee.port());
        }
      }
    }
  }

  /**
   * At {@code after}: the Secret is rewritten by the fault's writer; older pods hold the old one.
   */
  private void scheduleRotation(FaultSpec fault, Instant now) {
    Instant at = now.plus(fault.after());
    Runnable apply =
        () -> {
          Secret secret = store.get(Secret.class, fault.namespace(), fault.secret()).orElseThrow();
          secret.setData(
              Map.of(
                  "password", Nodes.generatedValue(fault.namespace() + "/" + fault.secret(), 1)));
          List<ManagedFieldsEntry> fields =
              new ArrayList<>(
                  secret.getMetadata().getManagedFields() == null
                      ? List.of()
                      : secret.getMetadata().getManagedFields());
          fields.addAll(Nodes.write(fault.by(), "", at, Nodes.DATA));
          secret.getMetadata().setManagedFields(fields);
          store.replace(secret);
          simulator.applyToEarlierPods(
              fault.namespace(), fault.deployment(), fault.condition(), at);
        };
    if (fault.after().isZero()) {
      apply.run();
    } else {
      loop.schedule(at, "rotate secret " + fault.namespace() + "/" + fault.secret(), apply);
    }
  }

  /** At {@code after}: someone other than Backstop writes the deployment's replicas. */
  private void scheduleScale(FaultSpec fault, Instant now) {
    Instant at = now.plus(fault.after());
    loop.schedule(
        at,
        "scale " + fault.namespace() + "/" + fault.deployment() + " to " + fault.replicas(),
        () -> {
          Deployment d =
              store.get(Deployment.class, fault.namespace(), fault.deployment()).orElseThrow();
          d.getSpec().setReplicas(fault.replicas());
          List<ManagedFieldsEntry> fields =
              new ArrayList<>(
                  d.getMetadata().getManagedFields() == null
                      ? List.of()
                      : d.getMetadata().getManagedFields());
          fields.addAll(Nodes.write(fault.by(), "scale", at, Nodes.REPLICAS));
          d.getMetadata().setManagedFields(fields);
          store.replace(d);
        });
  }

  private void scheduleCondition(FaultSpec fault, Instant now) {
    Instant at = now.plus(fault.after());
    Runnable apply =
        () ->
            simulator.applyCondition(fault.namespace(), fault.deployment(), fault.condition(), at);
    if (fault.after().isZero()) {
      apply.run();
    } else {
      loop.schedule(at, "condition on " + fault.namespace() + "/" + fault.deployment(), apply);
    }
  }

  private void rollOut(String ns, DeploymentSpec d, RevisionSpec bad) {
    Deployment deployment = store.get(Deployment.class, ns, d.name()).orElseThrow();
    deployment.getSpec().setTemplate(LoadedObjects.template(d, bad));
    Map<String, String> annotations = new HashMap<>(deployment.getMetadata().getAnnotations());
    annotations.put(Annotations.CHANGE_CAUSE, bad.changeCause());
    deployment.getMetadata().setAnnotations(annotations);
    store.replace(deployment);
  }

  private Duration podAge(Duration deployedAgo) {
    Duration min = simulator.timing().podStartup().plusSeconds(1);
    Duration age = deployedAgo.compareTo(MAX_POD_AGE) > 0 ? MAX_POD_AGE : deployedAgo;
    return age.compareTo(min) < 0 ? min : age;
  }

  private void loadStatefulSet(String ns, StatefulSetSpec s, Instant now) {
    PodTemplateSpec template =
        LoadedObjects.podTemplate(
            s.labels(), Map.of(), s.container(), s.image(), 5432, s.resources());
    StatefulSet sts =
        store.create(
            new StatefulSetBuilder()
                .withNewMetadata()
                .withName(s.name())
                .withNamespace(ns)
                .withLabels(s.labels())
                .withCreationTimestamp(now.minus(Duration.ofDays(30)).toString())
                .withGeneration(1L)
                .endMetadata()
                .withNewSpec()
                .withReplicas(s.replicas())
                .withServiceName(s.name())
                .withNewSelector()
                .withMatchLabels(s.labels())
                .endSelector()
                .withTemplate(template)
                .withPodManagementPolicy("OrderedReady")
                .endSpec()
                .build());
    store.backdate(sts, now.minus(Duration.ofDays(30)));
    store.create(Nodes.service(ns, s.name(), s.labels(), 5432));
    String revision = s.name() + "-" + loop.hashes().of(template);
    for (int i = 0; i < s.replicas(); i++) {
      loop.createStatefulPod(sts, i, revision, now.minus(MAX_POD_AGE));
    }
  }
}
