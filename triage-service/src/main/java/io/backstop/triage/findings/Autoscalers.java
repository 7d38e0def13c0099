package io.backstop.triage.findings;

import io.backstop.events.signal.WorkloadKind;
import io.backstop.events.signal.WorkloadRef;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The HorizontalPodAutoscalers (autoscaling/v2) that scale the workloads with evidence: bounds, the
 * replicas they run and want, their conditions, and each resource metric against its target. An HPA
 * is pinned at its maximum when it runs {@code maxReplicas} and wants more: its {@code
 * ScalingLimited} condition is true for {@code TooManyReplicas} (the controller clamped a higher
 * desired count), or a resource metric it scales on is above its target at the maximum.
 */
public final class Autoscalers {

  static final String TOO_MANY = "TooManyReplicas";

  private Autoscalers() {}

  /** One HPA with the text of its evidence item; {@code limitedSince} may be null. */
  public record Found(
      String name,
      WorkloadRef workload,
      int minReplicas,
      int maxReplicas,
      int currentReplicas,
      int desiredReplicas,
      boolean scalingLimited,
      boolean atMax,
      Instant limitedSince,
      String detail,
      String text) {

    public String subject() {
      return "horizontalpodautoscaler/" + name;
    }

    /** The same HPA with its detail replaced (by its redacted text). */
    public Found withDetail(String redacted) {
      return new Found(
          name,
          workload,
          minReplicas,
          maxReplicas,
          currentReplicas,
          desiredReplicas,
          scalingLimited,
          atMax,
          limitedSince,
          redacted,
          text);
    }
  }

  /** The HPAs of the namespace that scale one of {@code workloads}, in the order read. */
  public static List<Found> of(
      String namespace, List<HorizontalPodAutoscaler> hpas, List<WorkloadRef> workloads) {
    List<Found> out = new ArrayList<>();
    for (HorizontalPodAutoscaler hpa : hpas) {
      if (hpa.getMetadata() == null || hpa.getSpec() == null) {
        continue;
      }
      Optional<WorkloadRef> target = target(namespace, hpa.getSpec().getScaleTargetRef());
      if (target.isPresent() && workloads.contains(target.get())) {
        out.add(found(hpa, target.get()));
      }
    }
    return List.copyOf(out);
  }

  static Found found(HorizontalPodAutoscaler hpa, WorkloadRef workload) {
    String name = hpa.getMetadata().getName();
    int min = orZero(hpa.getSpec().getMinReplicas(), 1);
    int max = orZero(hpa.getSpec().getMaxReplicas(), 0);
    var status = hpa.getStatus();
    int current = status == null ? 0 : orZero(status.getCurrentReplicas(), 0);
    int desired = status == null ? 0 : orZero(status.getDesiredReplicas(), 0);
    List<HorizontalPodAutoscalerCondition> conditions =
        status == null || status.getConditions() == null ? List.of() : status.getConditions();
    Optional<HorizontalPodAutoscalerCondition> limited =
        conditions.stream()
            .filter(c -> "ScalingLimited".equals(c.getType()) && "True".equals(c.getStatus()))
            .filter(c -> TOO_MANY.equals(c.getReason()))
            .findFirst();
    List<String> metrics = metrics(hpa);
    boolean above = metrics.stream().anyMatch(m -> m.endsWith(ABOVE));
    boolean atMax = max > 0 && current >= max && (limited.isPresent() || desired > max || above);
    List<String> parts = new ArrayList<>();
    conditions.stream()
        .filter(c -> c.getType() != null && c.getStatus() != null)
        .filter(c -> !"True".equals(c.getStatus()) || "ScalingLimited".equals(c.getType()))
        .map(
            c ->
                c.getType()
                    + "="
                    + c.getStatus()
                    + (c.getReason() == null ? "" : " (" + c.getReason())
                    + (c.getMessage() == null || c.getMessage().isBlank()
                        ? ""
                        : ": " + c.getMessage())
                    + (c.getReason() == null ? "" : ")"))
        .forEach(parts::add);
    parts.addAll(metrics);
    String detail = String.join("; ", parts);
    String text =
        "HPA "
            + name
            + " scales "
            + workload.kind().name().toLowerCase()
            + "/"
            + workload.name()
            + ": min "
            + min
            + ", max "
            + max
            + ", current "
            + current
            + ", desired "
            + desired
            + (detail.isEmpty() ? "" : "; " + detail)
            + (atMax
                ? "; AT ITS MAXIMUM and wanting more: it owns the replica count and puts any other"
                    + " back at its next sync, so only raising maxReplicas (or the capacity behind"
                    + " it) adds pods"
                : "; it owns the replica count: a count written by anyone else is put back at its"
                    + " next sync");
    Instant since =
        limited
            .map(HorizontalPodAutoscalerCondition::getLastTransitionTime)
            .flatMap(Autoscalers::instant)
            .orElse(null);
    return new Found(
        name,
        workload,
        min,
        max,
        current,
        desired,
        limited.isPresent(),
        atMax,
        since,
        detail,
        text);
  }

  private static final String ABOVE = "above its target";

  /** "cpu 97% of requests, target 60%, above its target" for each resource metric it scales on. */
  private static List<String> metrics(HorizontalPodAutoscaler hpa) {
    List<MetricSpec> specs =
        hpa.getSpec().getMetrics() == null ? List.of() : hpa.getSpec().getMetrics();
    List<MetricStatus> now =
        hpa.getStatus() == null || hpa.getStatus().getCurrentMetrics() == null
            ? List.of()
            : hpa.getStatus().getCurrentMetrics();
    List<String> out = new ArrayList<>();
    for (MetricSpec spec : specs) {
      if (!"Resource".equals(spec.getType())
          || spec.getResource() == null
          || spec.getResource().getTarget() == null
          || spec.getResource().getTarget().getAverageUtilization() == null) {
        continue;
      }
      String resource = spec.getResource().getName();
      int target = spec.getResource().getTarget().getAverageUtilization();
      Optional<Integer> current =
          now.stream()
              .filter(m -> "Resource".equals(m.getType()) && m.getResource() != null)
              .filter(m -> resource.equals(m.getResource().getName()))
              .map(m -> m.getResource().getCurrent())
              .filter(c -> c != null && c.getAverageUtilization() != null)
              .map(c -> c.getAverageUtilization())
              .findFirst();
      out.add(
          current
              .map(
                  c ->
                      resource
                          + " "
                          + c
                          + "% of requests, target "
                          + target
                          + "%"
                          + (c > target ? ", " + ABOVE : ""))
              .orElse(resource + " target " + target + "% of requests, current unknown"));
    }
    return out;
  }

  private static Optional<WorkloadRef> target(String namespace, CrossVersionObjectReference ref) {
    if (ref == null || ref.getName() == null || ref.getKind() == null) {
      return Optional.empty();
    }
    return switch (ref.getKind()) {
      case "Deployment" -> Optional.of(WorkloadRef.deployment(namespace, ref.getName()));
      case "StatefulSet" ->
          Optional.of(new WorkloadRef(WorkloadKind.STATEFULSET, namespace, ref.getName()));
      default -> Optional.empty();
    };
  }

  private static Optional<Instant> instant(String time) {
    try {
      return time == null ? Optional.empty() : Optional.of(Instant.parse(time));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static int orZero(Integer value, int otherwise) {
    return value == null ? otherwise : value;
  }
}
