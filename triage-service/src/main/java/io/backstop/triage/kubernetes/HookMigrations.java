package io.backstop.triage.kubernetes;

import io.backstop.triage.kubernetes.Rollouts.ReadRevision;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Schema migrations a Helm chart runs as a hook Job rather than in the pod template: a Job
 * annotated {@code helm.sh/hook} (pre- or post-install or -upgrade) of the Deployment's Helm
 * release (the Job's {@code app.kubernetes.io/instance} label against the Deployment's {@code
 * meta.helm.sh/release-name} annotation or its own instance label) whose container runs a known
 * migration tool ({@link SchemaMigrations}) and that started within {@link #WINDOW} of a revision's
 * rollout is that revision's migration: a rollback to a revision before it runs old code against
 * the migrated schema. No init container shows it, so the revision's template alone says nothing.
 *
 * <p>Only what the cluster still holds is seen: a chart whose hook delete policy removes the Job
 * once it succeeded ({@code hook-succeeded}) leaves nothing to read, and its owners can still
 * declare {@code backstop.io/schema-migration: "true"} on the template. A revision that already
 * records a migration keeps its own reason.
 */
public final class HookMigrations {

  /** How far from a revision's rollout its release's hook Job may have started. */
  static final Duration WINDOW = Duration.ofMinutes(30);

  static final String HOOK = "helm.sh/hook";
  static final String RELEASE_NAME = "meta.helm.sh/release-name";
  static final String INSTANCE = "app.kubernetes.io/instance";

  private HookMigrations() {}

  /**
   * The revisions, each without a migration of its own given the hook Job migration of its release
   * that started nearest its rollout within the window, if any. {@code jobs} null (the namespace's
   * Jobs could not be listed) changes nothing.
   */
  public static List<ReadRevision> apply(
      Deployment deployment, List<ReadRevision> revisions, List<Job> jobs) {
    if (jobs == null || jobs.isEmpty() || revisions.isEmpty()) {
      return revisions;
    }
    Optional<String> release = release(deployment);
    if (release.isEmpty()) {
      return revisions;
    }
    List<Found> migrations = new ArrayList<>();
    for (Job job : jobs) {
      found(job, release.get()).ifPresent(migrations::add);
    }
    if (migrations.isEmpty()) {
      return revisions;
    }
    List<ReadRevision> out = new ArrayList<>(revisions.size());
    for (ReadRevision r : revisions) {
      if (r.revision().schemaMigration() != null) {
        out.add(r);
        continue;
      }
      Instant rolledOut = r.revision().deployedAt();
      Optional<Found> nearest =
          migrations.stream()
              .filter(m -> Duration.between(m.started(), rolledOut).abs().compareTo(WINDOW) <= 0)
              .min(
                  Comparator.comparing(
                      (Found m) -> Duration.between(m.started(), rolledOut).abs()));
      out.add(
          nearest
              .map(m -> r.withRevision(r.revision().withSchemaMigration(m.describe())))
              .orElse(r));
    }
    return List.copyOf(out);
  }

  private record Found(String job, String hook, String tool, Instant started) {
    String describe() {
      return "helm " + hook + " hook job " + job + ": " + tool;
    }
  }

  private static Optional<Found> found(Job job, String release) {
    ObjectMeta meta = job.getMetadata();
    if (meta == null || meta.getName() == null) {
      return Optional.empty();
    }
    String hook =
        value(meta.getAnnotations(), HOOK).map(h -> h.toLowerCase(Locale.ROOT)).orElse("");
    if (!(hook.contains("upgrade") || hook.contains("install"))
        || !release.equals(value(meta.getLabels(), INSTANCE).orElse(null))) {
      return Optional.empty();
    }
    Optional<Instant> started = started(job);
    if (started.isEmpty()) {
      return Optional.empty();
    }
    var spec = job.getSpec() == null ? null : job.getSpec().getTemplate();
    List<Container> containers =
        spec == null || spec.getSpec() == null ? List.of() : spec.getSpec().getContainers();
    List<Container> inits =
        spec == null || spec.getSpec() == null || spec.getSpec().getInitContainers() == null
            ? List.of()
            : spec.getSpec().getInitContainers();
    List<Container> all = new ArrayList<>(containers == null ? List.of() : containers);
    all.addAll(inits);
    for (Container c : all) {
      Optional<String> tool = SchemaMigrations.tool(c);
      if (tool.isPresent()) {
        return Optional.of(new Found(meta.getName(), hook, tool.get(), started.get()));
      }
    }
    return Optional.empty();
  }

  private static Optional<Instant> started(Job job) {
    String at =
        job.getStatus() != null && job.getStatus().getStartTime() != null
            ? job.getStatus().getStartTime()
            : job.getMetadata().getCreationTimestamp();
    try {
      return at == null ? Optional.empty() : Optional.of(Instant.parse(at));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> release(Deployment d) {
    ObjectMeta meta = d.getMetadata();
    if (meta == null) {
      return Optional.empty();
    }
    return value(meta.getAnnotations(), RELEASE_NAME).or(() -> value(meta.getLabels(), INSTANCE));
  }

  private static Optional<String> value(Map<String, String> map, String key) {
    if (map == null) {
      return Optional.empty();
    }
    String v = map.get(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }
}
