package io.backstop.sandbox.controller;

import io.backstop.sandbox.spec.ContainerResources;
import io.backstop.sandbox.spec.DeploymentSpec;
import io.backstop.sandbox.spec.RevisionSpec;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The objects a loaded spec becomes: Deployments, their ReplicaSets and pod templates. */
final class LoadedObjects {

  private LoadedObjects() {}

  static Deployment deployment(
      String ns, DeploymentSpec d, RevisionSpec current, RevisionSpec first, Instant now) {
    Map<String, String> annotations = new HashMap<>();
    annotations.put(Annotations.REVISION, Long.toString(current.revision()));
    if (!current.changeCause().isEmpty()) {
      annotations.put(Annotations.CHANGE_CAUSE, current.changeCause());
    }
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(d.name())
        .withNamespace(ns)
        .withLabels(d.labels())
        .withAnnotations(annotations)
        .withCreationTimestamp(now.minus(first.deployedAgo()).toString())
        .withGeneration(1L)
        .endMetadata()
        .withNewSpec()
        .withReplicas(d.replicas())
        .withNewSelector()
        .withMatchLabels(d.labels())
        .endSelector()
        .withTemplate(template(d, current))
        .withNewStrategy()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withMaxSurge(new IntOrString("25%"))
        .withMaxUnavailable(new IntOrString("25%"))
        .endRollingUpdate()
        .endStrategy()
        .withRevisionHistoryLimit(10)
        .withProgressDeadlineSeconds(600)
        .endSpec()
        .build();
  }

  static ReplicaSet replicaSet(
      Deployment owner,
      DeploymentSpec d,
      RevisionSpec revision,
      PodTemplateSpec template,
      String hash,
      boolean current,
      Instant now) {
    Map<String, String> labels = new HashMap<>(d.labels());
    labels.put(Annotations.POD_TEMPLATE_HASH, hash);
    PodTemplateSpec withHash =
        new PodTemplateSpecBuilder(template)
            .editMetadata()
            .withLabels(labels)
            .endMetadata()
            .build();
    Map<String, String> annotations = new HashMap<>();
    annotations.put(Annotations.REVISION, Long.toString(revision.revision()));
    annotations.put(Annotations.DESIRED_REPLICAS, Integer.toString(d.replicas()));
    if (!revision.changeCause().isEmpty()) {
      annotations.put(Annotations.CHANGE_CAUSE, revision.changeCause());
    }
    if (!revision.gitSha().isEmpty()) {
      annotations.put(Annotations.GIT_SHA, revision.gitSha());
    }
    return new ReplicaSetBuilder()
        .withNewMetadata()
        .withName(d.name() + "-" + hash)
        .withNamespace(owner.getMetadata().getNamespace())
        .withLabels(labels)
        .withAnnotations(annotations)
        .withCreationTimestamp(now.minus(revision.deployedAgo()).toString())
        .withGeneration(1L)
        .withOwnerReferences(Owners.controllerRef(owner))
        .endMetadata()
        .withNewSpec()
        .withReplicas(current ? d.replicas() : 0)
        .withNewSelector()
        .withMatchLabels(labels)
        .endSelector()
        .withTemplate(withHash)
        .endSpec()
        .build();
  }

  static PodTemplateSpec template(DeploymentSpec d, RevisionSpec revision) {
    Map<String, String> annotations =
        revision.gitSha().isEmpty() ? Map.of() : Map.of(Annotations.GIT_SHA, revision.gitSha());
    return podTemplate(
        d.labels(), annotations, d.container(), revision.image(), d.port(), d.resources());
  }

  static PodTemplateSpec podTemplate(
      Map<String, String> labels,
      Map<String, String> annotations,
      String container,
      String image,
      int port,
      ContainerResources resources) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(labels)
        .withAnnotations(annotations.isEmpty() ? null : annotations)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName(container)
        .withImage(image)
        .addNewPort()
        .withContainerPort(port)
        .withProtocol("TCP")
        .endPort()
        .withNewResources()
        .withRequests(
            Map.of(
                "cpu",
                new Quantity(resources.cpuRequest()),
                "memory",
                new Quantity(resources.memoryRequest())))
        .withLimits(
            Map.of(
                "cpu",
                new Quantity(resources.cpuLimit()),
                "memory",
                new Quantity(resources.memoryLimit())))
        .endResources()
        .endContainer()
        .withRestartPolicy("Always")
        .endSpec()
        .build();
  }
}
