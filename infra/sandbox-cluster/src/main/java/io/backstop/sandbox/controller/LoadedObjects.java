package io.backstop.sandbox.controller;

import io.backstop.sandbox.spec.ContainerResources;
import io.backstop.sandbox.spec.DeploymentSpec;
import io.backstop.sandbox.spec.RevisionSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The objects a loaded spec becomes: Deployments, their ReplicaSets and pod templates. */
final class LoadedObjects {

  private LoadedObjects() {}

  static Deployment deployment(
      String ns, DeploymentSpec d, RevisionSpec current, RevisionSpec first, Instant now) {
    Map<String, String> annotations = new HashMap<>(d.annotations());
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
        .withManagedFields(createdBy(now.minus(first.deployedAgo())))
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

  /** Who created a loaded Deployment: a client-side apply, owning its spec, at its creation. */
  private static ManagedFieldsEntry createdBy(Instant at) {
    FieldsV1 fields = new FieldsV1();
    fields.setAdditionalProperty(
        "f:spec", Map.of("f:replicas", Map.of(), "f:template", Map.of(), "f:selector", Map.of()));
    return new ManagedFieldsEntryBuilder()
        .withManager("kubectl-client-side-apply")
        .withOperation("Update")
        .withApiVersion("apps/v1")
        .withTime(at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
        .withFieldsType("FieldsV1")
        .withFieldsV1(fields)
        .build();
  }

  static PodTemplateSpec template(DeploymentSpec d, RevisionSpec revision) {
    Map<String, String> annotations =
        revision.gitSha().isEmpty() ? Map.of() : Map.of(Annotations.GIT_SHA, revision.gitSha());
    PodTemplateSpec template =
        podTemplate(
            d.labels(), annotations, d.container(), revision.image(), d.port(), d.resources());
    Container container = template.getSpec().getContainers().get(0);
    List<EnvVar> env = new ArrayList<>();
    d.envOf(revision).forEach((name, value) -> env.add(new EnvVar(name, value, null)));
    d.secretEnv()
        .forEach(
            (name, secret) ->
                env.add(
                    new EnvVarBuilder()
                        .withName(name)
                        .withNewValueFrom()
                        .withNewSecretKeyRef()
                        .withName(secret)
                        .withKey("password")
                        .endSecretKeyRef()
                        .endValueFrom()
                        .build()));
    container.setEnv(env.isEmpty() ? null : env);
    if (d.resources().ephemeralStorageLimit() != null) {
      Map<String, Quantity> limits = new HashMap<>(container.getResources().getLimits());
      limits.put("ephemeral-storage", new Quantity(d.resources().ephemeralStorageLimit()));
      container.getResources().setLimits(limits);
    }
    return template;
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
