package io.backstop.triage.kubernetes;

import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RevisionHealth;
import io.backstop.events.signal.RolloutHistory;
import io.backstop.events.signal.WorkloadRef;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Deployment's rollout history from the ReplicaSets it owns: revision from {@code
 * deployment.kubernetes.io/revision}, image, git SHA from {@code backstop.io/git-sha} or else a
 * 7-40 hex image tag, deployedAt from the ReplicaSet's creation, the change cause, and which
 * revision is current (the Deployment's own revision annotation, else the highest revision with
 * replicas). Health is left UNKNOWN here; it is judged against the symptoms later.
 */
public final class Rollouts {

  public static final String REVISION = "deployment.kubernetes.io/revision";
  public static final String GIT_SHA = "backstop.io/git-sha";
  public static final String CHANGE_CAUSE = "kubernetes.io/change-cause";

  private static final Pattern HEX_TAG = Pattern.compile("(?:^|[-_.])([0-9a-f]{7,40})$");
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-fA-F]{7,40}");

  private Rollouts() {}

  /** One revision read from one ReplicaSet, with the name of the ReplicaSet it came from. */
  public record ReadRevision(String replicaSet, Revision revision, int replicas) {}

  public static RolloutHistory history(Deployment deployment, List<ReplicaSet> replicaSets) {
    return new RolloutHistory(
        ref(deployment),
        revisions(deployment, replicaSets).stream().map(ReadRevision::revision).toList());
  }

  public static List<ReadRevision> revisions(Deployment deployment, List<ReplicaSet> replicaSets) {
    List<ReplicaSet> owned = replicaSets.stream().filter(rs -> ownedBy(rs, deployment)).toList();
    long current = currentRevision(deployment, owned);
    return owned.stream()
        .filter(rs -> revisionOf(rs) > 0 && rs.getMetadata().getCreationTimestamp() != null)
        .filter(Rollouts::hasContainers)
        .map(rs -> read(deployment, rs, current))
        .sorted(Comparator.comparingLong(r -> r.revision().revision()))
        .toList();
  }

  private static ReadRevision read(Deployment deployment, ReplicaSet rs, long current) {
    String image = image(deployment, rs);
    long number = revisionOf(rs);
    Revision revision =
        new Revision(
            number,
            image,
            gitSha(rs, image).orElse(null),
            Instant.parse(rs.getMetadata().getCreationTimestamp()),
            annotation(rs, CHANGE_CAUSE),
            number == current,
            RevisionHealth.UNKNOWN);
    int replicas =
        rs.getSpec() == null || rs.getSpec().getReplicas() == null ? 0 : rs.getSpec().getReplicas();
    return new ReadRevision(rs.getMetadata().getName(), revision, replicas);
  }

  static long currentRevision(Deployment deployment, List<ReplicaSet> owned) {
    long annotated = parseLong(annotation(deployment, REVISION));
    if (annotated > 0) {
      return annotated;
    }
    return owned.stream()
        .filter(
            rs ->
                rs.getSpec() != null
                    && rs.getSpec().getReplicas() != null
                    && rs.getSpec().getReplicas() > 0)
        .mapToLong(Rollouts::revisionOf)
        .max()
        .orElse(owned.stream().mapToLong(Rollouts::revisionOf).max().orElse(0));
  }

  static boolean ownedBy(ReplicaSet rs, Deployment deployment) {
    var owners = rs.getMetadata().getOwnerReferences();
    if (owners == null) {
      return false;
    }
    String uid = deployment.getMetadata().getUid();
    return owners.stream()
        .anyMatch(
            o ->
                "Deployment".equals(o.getKind())
                    && deployment.getMetadata().getName().equals(o.getName())
                    && (uid == null || o.getUid() == null || uid.equals(o.getUid())));
  }

  /** The git SHA of a revision: the annotation when it holds one, else a hex image tag. */
  static Optional<String> gitSha(ReplicaSet rs, String image) {
    String annotated = annotation(rs, GIT_SHA);
    if (annotated == null && rs.getSpec() != null && rs.getSpec().getTemplate() != null) {
      annotated = annotation(rs.getSpec().getTemplate().getMetadata(), GIT_SHA);
    }
    if (annotated != null && FULL_SHA.matcher(annotated.strip()).matches()) {
      return Optional.of(annotated.strip().toLowerCase());
    }
    return shaFromImage(image);
  }

  static Optional<String> shaFromImage(String image) {
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    if (colon <= slash || image.contains("@")) {
      return Optional.empty();
    }
    Matcher m = HEX_TAG.matcher(image.substring(colon + 1));
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static String image(Deployment deployment, ReplicaSet rs) {
    List<Container> containers = rs.getSpec().getTemplate().getSpec().getContainers();
    String name = deployment.getMetadata().getName();
    return containers.stream()
        .filter(c -> name.equals(c.getName()))
        .findFirst()
        .orElse(containers.get(0))
        .getImage();
  }

  private static boolean hasContainers(ReplicaSet rs) {
    return rs.getSpec() != null
        && rs.getSpec().getTemplate() != null
        && rs.getSpec().getTemplate().getSpec() != null
        && rs.getSpec().getTemplate().getSpec().getContainers() != null
        && !rs.getSpec().getTemplate().getSpec().getContainers().isEmpty();
  }

  public static long revisionOf(ReplicaSet rs) {
    return parseLong(annotation(rs, REVISION));
  }

  public static WorkloadRef ref(Deployment deployment) {
    return WorkloadRef.deployment(
        deployment.getMetadata().getNamespace(), deployment.getMetadata().getName());
  }

  static String annotation(HasMetadata object, String key) {
    return object == null ? null : annotation(object.getMetadata(), key);
  }

  private static String annotation(io.fabric8.kubernetes.api.model.ObjectMeta meta, String key) {
    if (meta == null) {
      return null;
    }
    Map<String, String> annotations = meta.getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  private static long parseLong(String value) {
    try {
      return value == null ? 0 : Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
