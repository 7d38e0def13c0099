package io.backstop.naive;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Every tool a cluster-admin agent gets: rollback (one workload or all of them), restart of any
 * workload, scale, delete. It trusts its arguments. Backstop has none of this.
 */
public final class Toolbox {

  private static final String REVISION = "deployment.kubernetes.io/revision";
  private static final String GIT_SHA = "backstop.io/git-sha";
  private static final Set<String> EVERYTHING = Set.of("all", "namespace", "*", "cluster");

  private final KubernetesClient client;

  public Toolbox(KubernetesClient client) {
    this.client = client;
  }

  /** Does what the answer says, literally. */
  public List<ToolCall> execute(ModelAnswer answer, String defaultNamespace) {
    String namespace = answer.namespace() == null ? defaultNamespace : answer.namespace();
    String verb = answer.actionType() == null ? "" : answer.actionType().toLowerCase(Locale.ROOT);
    String scope = answer.scope() == null ? "" : answer.scope().toLowerCase(Locale.ROOT);
    return switch (verb) {
      case "rollback" ->
          EVERYTHING.contains(scope)
              ? rollbackEverything(namespace, answer)
              : List.of(rollback(namespace, answer.target(), answer));
      case "restart" -> List.of(restart(namespace, answer.target()));
      case "scale" -> List.of(scale(namespace, answer.target(), answer.replicas()));
      case "delete" -> List.of(delete(namespace, answer.target(), scope));
      default -> List.of(new ToolCall("none", "-", namespace, "-", "model said " + verb, true));
    };
  }

  /**
   * "Roll back everything": every Deployment to the named revision (or its previous one), and every
   * StatefulSet rolled too, as a loop of {@code kubectl rollout undo} over {@code get deploy,sts}
   * would — which restarts their pods.
   */
  private List<ToolCall> rollbackEverything(String namespace, ModelAnswer answer) {
    List<ToolCall> calls = new ArrayList<>();
    for (Deployment d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
      calls.add(rollback(namespace, d.getMetadata().getName(), answer));
    }
    for (StatefulSet s : client.apps().statefulSets().inNamespace(namespace).list().getItems()) {
      calls.add(restartStatefulSet(namespace, s.getMetadata().getName(), "rollout undo"));
    }
    return calls;
  }

  private ToolCall rollback(String namespace, String name, ModelAnswer answer) {
    try {
      List<ReplicaSet> history = history(namespace, name);
      Optional<ReplicaSet> bySha =
          history.stream()
              .filter(
                  rs -> answer.gitSha() != null && answer.gitSha().equals(annotation(rs, GIT_SHA)))
              .findFirst();
      Optional<ReplicaSet> byRevision =
          history.stream()
              .filter(rs -> answer.revision() != null && answer.revision() == revision(rs))
              .findFirst();
      long current = history.stream().mapToLong(Toolbox::revision).max().orElse(0);
      Optional<ReplicaSet> previous =
          history.stream()
              .filter(rs -> revision(rs) < current)
              .max(Comparator.comparingLong(Toolbox::revision));
      Optional<ReplicaSet> chosen = bySha.or(() -> byRevision).or(() -> previous);
      if (chosen.isEmpty()) {
        return new ToolCall(
            "rollback", "deployment", namespace, name, "no earlier revision", false);
      }
      PodTemplateSpec template = chosen.get().getSpec().getTemplate();
      template.getMetadata().getLabels().remove("pod-template-hash");
      String patch =
          "[{\"op\":\"replace\",\"path\":\"/spec/template\",\"value\":"
              + Serialization.asJson(template)
              + "}]";
      client
          .apps()
          .deployments()
          .inNamespace(namespace)
          .withName(name)
          .patch(PatchContext.of(PatchType.JSON), patch);
      return new ToolCall(
          "rollback", "deployment", namespace, name, "to revision " + revision(chosen.get()), true);
    } catch (KubernetesClientException e) {
      return new ToolCall("rollback", "deployment", namespace, name, e.getMessage(), false);
    }
  }

  private ToolCall restart(String namespace, String name) {
    if (client.apps().statefulSets().inNamespace(namespace).withName(name).get() != null) {
      return restartStatefulSet(namespace, name, "rollout restart");
    }
    try {
      client
          .apps()
          .deployments()
          .inNamespace(namespace)
          .withName(name)
          .patch(PatchContext.of(PatchType.JSON), restartPatch());
      return new ToolCall("restart", "deployment", namespace, name, "rollout restart", true);
    } catch (KubernetesClientException e) {
      return new ToolCall("restart", "deployment", namespace, name, e.getMessage(), false);
    }
  }

  private ToolCall restartStatefulSet(String namespace, String name, String how) {
    try {
      client
          .apps()
          .statefulSets()
          .inNamespace(namespace)
          .withName(name)
          .patch(PatchContext.of(PatchType.JSON), restartPatch());
      return new ToolCall("restart", "statefulset", namespace, name, how, true);
    } catch (KubernetesClientException e) {
      return new ToolCall("restart", "statefulset", namespace, name, e.getMessage(), false);
    }
  }

  private ToolCall scale(String namespace, String name, Integer replicas) {
    int to = replicas == null ? 0 : replicas;
    try {
      client.apps().deployments().inNamespace(namespace).withName(name).scale(to);
      return new ToolCall("scale", "deployment", namespace, name, "to " + to, true);
    } catch (KubernetesClientException e) {
      return new ToolCall("scale", "deployment", namespace, name, e.getMessage(), false);
    }
  }

  private ToolCall delete(String namespace, String name, String scope) {
    try {
      if (EVERYTHING.contains(scope)) {
        client.namespaces().withName(namespace).delete();
        return new ToolCall("delete", "namespace", namespace, namespace, "", true);
      }
      client.apps().deployments().inNamespace(namespace).withName(name).delete();
      return new ToolCall("delete", "deployment", namespace, name, "", true);
    } catch (KubernetesClientException e) {
      return new ToolCall("delete", "deployment", namespace, name, e.getMessage(), false);
    }
  }

  private static String restartPatch() {
    return "[{\"op\":\"add\",\"path\":\"/spec/template/metadata/annotations\",\"value\":"
        + "{\"kubectl.kubernetes.io/restartedAt\":\""
        + Instant.now()
        + "\"}}]";
  }

  private List<ReplicaSet> history(String namespace, String deployment) {
    return client.apps().replicaSets().inNamespace(namespace).list().getItems().stream()
        .filter(
            rs ->
                rs.getMetadata().getOwnerReferences() != null
                    && rs.getMetadata().getOwnerReferences().stream()
                        .anyMatch(
                            o ->
                                "Deployment".equals(o.getKind()) && deployment.equals(o.getName())))
        .toList();
  }

  private static long revision(ReplicaSet rs) {
    String value = annotation(rs, REVISION);
    try {
      return value == null ? 0 : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String annotation(ReplicaSet rs, String key) {
    var annotations = rs.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }
}
