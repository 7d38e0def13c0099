package io.backstop.executor.kubernetes;

import io.backstop.events.MetadataKeys;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.executor.live.LiveDeployment;
import io.backstop.executor.live.LiveState;
import io.backstop.executor.live.PodState;
import io.backstop.executor.live.RevisionTemplate;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads live state with get and list only: the Deployment, its own ReplicaSets (owner reference and
 * {@code deployment.kubernetes.io/revision}), and the pods of the current one.
 */
public final class KubernetesLiveState implements LiveState {

  private final KubernetesClient client;

  public KubernetesLiveState(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public Optional<LiveDeployment> deployment(WorkloadRef ref) {
    Deployment d =
        client.apps().deployments().inNamespace(ref.namespace()).withName(ref.name()).get();
    if (d == null) {
      return Optional.empty();
    }
    long revision = revisionOf(d.getMetadata());
    String image = imageOf(d.getSpec().getTemplate());
    String sha =
        ownReplicaSets(d).stream()
            .filter(rs -> revisionOf(rs.getMetadata()) == revision)
            .findFirst()
            .map(KubernetesLiveState::shaOf)
            .orElse(imageTag(image));
    DeploymentStatus s = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
    return Optional.of(
        new LiveDeployment(
            ref,
            d.getMetadata().getLabels(),
            d.getMetadata().getAnnotations(),
            d.getSpec().getTemplate().getMetadata() != null
                && d.getSpec().getTemplate().getMetadata().getAnnotations() != null
                && !d.getSpec().getTemplate().getMetadata().getAnnotations().isEmpty(),
            revision,
            image,
            sha,
            orZero(d.getSpec().getReplicas()),
            orZero(d.getMetadata().getGeneration()),
            orZero(s.getObservedGeneration()),
            orZero(s.getReplicas()),
            orZero(s.getUpdatedReplicas()),
            orZero(s.getReadyReplicas()),
            orZero(s.getAvailableReplicas())));
  }

  @Override
  public Optional<RevisionTemplate> revision(WorkloadRef ref, long revision) {
    Deployment d =
        client.apps().deployments().inNamespace(ref.namespace()).withName(ref.name()).get();
    if (d == null) {
      return Optional.empty();
    }
    return ownReplicaSets(d).stream()
        .filter(rs -> revisionOf(rs.getMetadata()) == revision)
        .findFirst()
        .map(rs -> toTemplate(rs, revision));
  }

  @Override
  public List<PodState> currentPods(WorkloadRef ref) {
    Deployment d =
        client.apps().deployments().inNamespace(ref.namespace()).withName(ref.name()).get();
    if (d == null) {
      return List.of();
    }
    long revision = revisionOf(d.getMetadata());
    Optional<ReplicaSet> current =
        ownReplicaSets(d).stream()
            .filter(rs -> revisionOf(rs.getMetadata()) == revision)
            .findFirst();
    if (current.isEmpty()) {
      return List.of();
    }
    String rsName = current.get().getMetadata().getName();
    Map<String, String> selector = current.get().getSpec().getSelector().getMatchLabels();
    return client
        .pods()
        .inNamespace(ref.namespace())
        .withLabels(selector)
        .list()
        .getItems()
        .stream()
        .filter(pod -> ownedBy(pod, "ReplicaSet", rsName))
        .map(KubernetesLiveState::toPodState)
        .toList();
  }

  private List<ReplicaSet> ownReplicaSets(Deployment d) {
    String name = d.getMetadata().getName();
    return client
        .apps()
        .replicaSets()
        .inNamespace(d.getMetadata().getNamespace())
        .list()
        .getItems()
        .stream()
        .filter(rs -> ownedBy(rs, "Deployment", name))
        .toList();
  }

  private RevisionTemplate toTemplate(ReplicaSet rs, long revision) {
    PodTemplateSpec template = rs.getSpec().getTemplate();
    String json = client.getKubernetesSerialization().asJson(template);
    ObjectNode node = (ObjectNode) EventCodec.mapper().readTree(json);
    return new RevisionTemplate(
        rs.getMetadata().getName(), revision, shaOf(rs), imageOf(template), node, hashOf(rs));
  }

  /** The controller's pod-template-hash label, on the ReplicaSet or else on its template. */
  private static String hashOf(ReplicaSet rs) {
    Map<String, String> labels = rs.getMetadata().getLabels();
    if (labels != null && labels.containsKey(MetadataKeys.POD_TEMPLATE_HASH)) {
      return labels.get(MetadataKeys.POD_TEMPLATE_HASH);
    }
    var meta = rs.getSpec().getTemplate().getMetadata();
    Map<String, String> templateLabels = meta == null ? null : meta.getLabels();
    return templateLabels == null
        ? ""
        : templateLabels.getOrDefault(MetadataKeys.POD_TEMPLATE_HASH, "");
  }

  private static String shaOf(ReplicaSet rs) {
    Map<String, String> annotations = rs.getMetadata().getAnnotations();
    String sha = annotations == null ? null : annotations.get(MetadataKeys.GIT_SHA);
    if (sha == null && rs.getSpec().getTemplate().getMetadata() != null) {
      Map<String, String> templateAnnotations =
          rs.getSpec().getTemplate().getMetadata().getAnnotations();
      sha = templateAnnotations == null ? null : templateAnnotations.get(MetadataKeys.GIT_SHA);
    }
    return sha != null ? sha : imageTag(imageOf(rs.getSpec().getTemplate()));
  }

  private static String imageOf(PodTemplateSpec template) {
    if (template == null
        || template.getSpec() == null
        || template.getSpec().getContainers() == null
        || template.getSpec().getContainers().isEmpty()) {
      return "";
    }
    return template.getSpec().getContainers().get(0).getImage();
  }

  private static boolean ownedBy(HasMetadata object, String kind, String name) {
    var owners = object.getMetadata().getOwnerReferences();
    return owners != null
        && owners.stream().anyMatch(o -> kind.equals(o.getKind()) && name.equals(o.getName()));
  }

  private static PodState toPodState(Pod pod) {
    boolean ready =
        pod.getStatus() != null
            && pod.getStatus().getConditions() != null
            && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    List<ContainerStatus> statuses =
        pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
            ? List.of()
            : pod.getStatus().getContainerStatuses();
    int restarts = statuses.stream().mapToInt(c -> orZero(c.getRestartCount())).sum();
    String waiting =
        statuses.stream()
            .filter(c -> c.getState() != null && c.getState().getWaiting() != null)
            .map(c -> c.getState().getWaiting().getReason())
            .findFirst()
            .orElse("");
    return new PodState(pod.getMetadata().getName(), ready, restarts, waiting);
  }

  static long revisionOf(ObjectMeta meta) {
    Map<String, String> annotations = meta.getAnnotations();
    String value = annotations == null ? null : annotations.get(MetadataKeys.REVISION);
    try {
      return value == null ? 0 : Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  /**
   * The tag of an image reference ({@code registry/app:tag}), or empty when it has none; a revision
   * with no {@code backstop.io/git-sha} annotation is known by its tag.
   */
  static String imageTag(String image) {
    if (image == null) {
      return "";
    }
    String ref = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int slash = ref.lastIndexOf('/');
    int colon = ref.lastIndexOf(':');
    return colon > slash ? ref.substring(colon + 1) : "";
  }
}
