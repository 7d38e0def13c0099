package io.backstop.triage.kubernetes;

import static io.backstop.events.MetadataKeys.GIT_SHA;
import static io.backstop.events.MetadataKeys.POD_TEMPLATE_HASH;
import static io.backstop.events.MetadataKeys.REVISION;

import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RevisionHealth;
import io.backstop.events.signal.RevisionPods;
import io.backstop.events.signal.RolloutHistory;
import io.backstop.events.signal.ShaOrigin;
import io.backstop.events.signal.WorkloadRef;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Deployment's rollout history from the ReplicaSets it owns: revision from {@code
 * deployment.kubernetes.io/revision}, its pod-template hash, image, git SHA from {@code
 * backstop.io/git-sha} or else a 7-40 hex image tag, deployedAt from the ReplicaSet's creation, the
 * change cause, and which revision is current (the Deployment's own revision annotation, else the
 * highest revision with replicas).
 *
 * <p>A SHA names the build, not the revision: {@code kubectl set env}, {@code edit} and {@code
 * patch} make revisions that keep the image (and the SHA annotation) of the one before. The first
 * revision, in revision order, to carry a SHA owns it; every later revision carrying the same SHA
 * has it INHERITED and is named by its revision number and pod-template hash instead, so a SHA
 * never names two revisions. Health is left UNKNOWN here; it is judged against the symptoms later.
 *
 * <p>Each revision records the Secrets and ConfigMaps its template references that do not exist now
 * and those that could not be checked ({@link ConfigPresence}): a rollback to a revision whose
 * config was deleted since it ran brings pods that stop at CreateContainerConfigError.
 */
public final class Rollouts {

  public static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
  public static final String CHANGE_CAUSE = "kubernetes.io/change-cause";

  private static final Pattern HEX_TAG = Pattern.compile("(?:^|[-_.])([0-9a-f]{7,40})$");
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-fA-F]{7,40}");

  private Rollouts() {}

  /**
   * One revision read from one ReplicaSet: the ReplicaSet's name, the revision, its desired and
   * ready replicas now, the revision numbers it had before a rollback renumbered it, and what its
   * template changed against the revision before it ("" for the first).
   */
  public record ReadRevision(
      String replicaSet,
      Revision revision,
      int replicas,
      int readyReplicas,
      List<Long> formerNumbers,
      String changed) {

    public ReadRevision {
      formerNumbers = formerNumbers == null ? List.of() : List.copyOf(formerNumbers);
      changed = changed == null ? "" : changed;
    }

    public ReadRevision(String replicaSet, Revision revision, int replicas) {
      this(replicaSet, revision, replicas, replicas, List.of(), "");
    }

    public ReadRevision withRevision(Revision judged) {
      return new ReadRevision(replicaSet, judged, replicas, readyReplicas, formerNumbers, changed);
    }
  }

  public static RolloutHistory history(Deployment deployment, List<ReplicaSet> replicaSets) {
    return new RolloutHistory(
        ref(deployment),
        revisions(deployment, replicaSets).stream().map(ReadRevision::revision).toList());
  }

  /** The revisions with no Secret or ConfigMap listed: every config reference is unverified. */
  public static List<ReadRevision> revisions(Deployment deployment, List<ReplicaSet> replicaSets) {
    return revisions(deployment, replicaSets, ConfigPresence.unknown());
  }

  public static List<ReadRevision> revisions(
      Deployment deployment, List<ReplicaSet> replicaSets, ConfigPresence config) {
    List<ReplicaSet> owned =
        replicaSets.stream()
            .filter(rs -> ownedBy(rs, deployment))
            .filter(rs -> revisionOf(rs) > 0 && rs.getMetadata().getCreationTimestamp() != null)
            .filter(Rollouts::hasContainers)
            .sorted(Comparator.comparingLong(Rollouts::revisionOf))
            .toList();
    long current = currentRevision(deployment, owned);
    Set<String> owners = new HashSet<>();
    List<ReadRevision> out = new ArrayList<>();
    ReplicaSet previous = null;
    for (ReplicaSet rs : owned) {
      out.add(read(deployment, rs, previous, current, owners, config));
      previous = rs;
    }
    return List.copyOf(out);
  }

  private static ReadRevision read(
      Deployment deployment,
      ReplicaSet rs,
      ReplicaSet previous,
      long current,
      Set<String> owners,
      ConfigPresence config) {
    String image = image(deployment, rs);
    long number = revisionOf(rs);
    String sha = gitSha(rs, image).orElse(null);
    ShaOrigin origin =
        sha == null ? ShaOrigin.NONE : owners.add(sha) ? ShaOrigin.OWN : ShaOrigin.INHERITED;
    ConfigPresence.Check checked = config.check(template(rs).getSpec());
    int ready =
        rs.getStatus() == null || rs.getStatus().getReadyReplicas() == null
            ? 0
            : rs.getStatus().getReadyReplicas();
    Revision revision =
        Revision.builder()
            .revision(number)
            .image(image)
            .gitSha(sha)
            .deployedAt(Instant.parse(rs.getMetadata().getCreationTimestamp()))
            .changeCause(annotation(rs, CHANGE_CAUSE))
            .current(number == current)
            .health(RevisionHealth.UNKNOWN)
            .shaOrigin(origin)
            .podTemplateHash(templateHash(rs).orElse(null))
            .missingConfig(checked.missing())
            .unverifiedConfig(checked.unverified())
            .schemaMigration(SchemaMigrations.of(rs.getMetadata(), template(rs)).orElse(null))
            .pods(new RevisionPods(specReplicas(rs), ready))
            .build();
    return new ReadRevision(
        rs.getMetadata().getName(),
        revision,
        specReplicas(rs),
        ready,
        formerNumbers(rs),
        previous == null
            ? ""
            : TemplateChanges.between(template(previous), template(rs), containerName(deployment)));
  }

  /** The pod-template hash of a ReplicaSet: its label, else the suffix of its name. */
  public static Optional<String> templateHash(ReplicaSet rs) {
    Map<String, String> labels = rs.getMetadata().getLabels();
    if (labels != null && labels.get(POD_TEMPLATE_HASH) != null) {
      return Optional.of(labels.get(POD_TEMPLATE_HASH));
    }
    String name = rs.getMetadata().getName();
    int dash = name == null ? -1 : name.lastIndexOf('-');
    return dash > 0 && dash < name.length() - 1
        ? Optional.of(name.substring(dash + 1))
        : Optional.empty();
  }

  private static List<Long> formerNumbers(ReplicaSet rs) {
    String history = annotation(rs, REVISION_HISTORY);
    if (history == null || history.isBlank()) {
      return List.of();
    }
    return Arrays.stream(history.split(",")).map(Rollouts::parseLong).filter(n -> n > 0).toList();
  }

  static long currentRevision(Deployment deployment, List<ReplicaSet> owned) {
    long annotated = parseLong(annotation(deployment, REVISION));
    if (annotated > 0) {
      return annotated;
    }
    return owned.stream()
        .filter(rs -> specReplicas(rs) > 0)
        .mapToLong(Rollouts::revisionOf)
        .max()
        .orElse(owned.stream().mapToLong(Rollouts::revisionOf).max().orElse(0));
  }

  public static boolean ownedBy(ReplicaSet rs, Deployment deployment) {
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
    String name = containerName(deployment);
    return containers.stream()
        .filter(c -> name.equals(c.getName()))
        .findFirst()
        .orElse(containers.get(0))
        .getImage();
  }

  private static String containerName(Deployment deployment) {
    return deployment.getMetadata().getName();
  }

  private static PodTemplateSpec template(ReplicaSet rs) {
    return rs.getSpec().getTemplate();
  }

  private static boolean hasContainers(ReplicaSet rs) {
    return rs.getSpec() != null
        && rs.getSpec().getTemplate() != null
        && rs.getSpec().getTemplate().getSpec() != null
        && rs.getSpec().getTemplate().getSpec().getContainers() != null
        && !rs.getSpec().getTemplate().getSpec().getContainers().isEmpty();
  }

  static int specReplicas(ReplicaSet rs) {
    return rs.getSpec() == null || rs.getSpec().getReplicas() == null
        ? 0
        : rs.getSpec().getReplicas();
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

  static String annotation(io.fabric8.kubernetes.api.model.ObjectMeta meta, String key) {
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
