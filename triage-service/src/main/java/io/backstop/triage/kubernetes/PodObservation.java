package io.backstop.triage.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one pod's status says, as plain values: phase, readiness, restarts, the waiting reason
 * (CrashLoopBackOff, ImagePullBackOff, CreateContainerConfigError...), the reason the container
 * last terminated (Error, OOMKilled...), its image, the ReplicaSet that owns it, when it was
 * created, the node it runs on, the pod's own status reason and message (an eviction says {@code
 * Evicted} and why; a Pending pod no node fits says {@code Unschedulable} and the scheduler's
 * words, from its PodScheduled condition), and the containers that fail (crash-loop or wait) among
 * several.
 */
public record PodObservation(
    String name,
    String container,
    String phase,
    boolean ready,
    int restarts,
    String waitingReason,
    String lastTerminatedReason,
    Integer lastExitCode,
    String image,
    String replicaSet,
    Instant createdAt,
    String node,
    String reason,
    String message,
    List<String> failingContainers) {

  static final String UNSCHEDULABLE = "Unschedulable";

  public PodObservation {
    failingContainers = failingContainers == null ? List.of() : List.copyOf(failingContainers);
  }

  public PodObservation(
      String name,
      String container,
      String phase,
      boolean ready,
      int restarts,
      String waitingReason,
      String lastTerminatedReason,
      Integer lastExitCode,
      String image,
      String replicaSet,
      Instant createdAt) {
    this(
        name,
        container,
        phase,
        ready,
        restarts,
        waitingReason,
        lastTerminatedReason,
        lastExitCode,
        image,
        replicaSet,
        createdAt,
        null,
        null,
        null,
        List.of());
  }

  public static PodObservation of(Pod pod) {
    List<ContainerStatus> statuses =
        pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
            ? List.of()
            : pod.getStatus().getContainerStatuses();
    ContainerStatus main = statuses.isEmpty() ? null : worst(statuses);
    String created = pod.getMetadata().getCreationTimestamp();
    return new PodObservation(
        pod.getMetadata().getName(),
        main != null ? main.getName() : firstContainer(pod),
        pod.getStatus() == null ? "Unknown" : String.valueOf(pod.getStatus().getPhase()),
        !statuses.isEmpty() && statuses.stream().allMatch(s -> Boolean.TRUE.equals(s.getReady())),
        statuses.stream()
            .mapToInt(s -> s.getRestartCount() == null ? 0 : s.getRestartCount())
            .sum(),
        main == null ? null : waiting(main),
        main == null ? null : lastTerminated(main),
        main == null ? null : lastExitCode(main),
        main != null && main.getImage() != null ? main.getImage() : firstImage(pod),
        owner(pod).orElse(null),
        created == null ? null : Instant.parse(created),
        pod.getSpec() == null ? null : pod.getSpec().getNodeName(),
        reason(pod),
        message(pod),
        statuses.stream()
            .filter(s -> waiting(s) != null && !"ContainerCreating".equals(waiting(s)))
            .map(ContainerStatus::getName)
            .toList());
  }

  /**
   * The scheduler could place none of the nodes for it: Pending, with its PodScheduled condition
   * False for reason Unschedulable (events about it may have aged out; its status has not).
   */
  public boolean unschedulable() {
    return "Pending".equals(phase) && UNSCHEDULABLE.equals(reason);
  }

  public boolean crashLooping() {
    return "CrashLoopBackOff".equals(waitingReason);
  }

  /** The kubelet evicted the pod (it is Failed with reason Evicted). */
  public boolean evicted() {
    return "Evicted".equals(reason);
  }

  /** The pod is gone for good (Failed or Succeeded): not counted as one that runs. */
  public boolean terminal() {
    return "Failed".equals(phase) || "Succeeded".equals(phase);
  }

  public boolean unhealthy() {
    return !ready || restarts > 0 || waitingReason != null || evicted();
  }

  /** A one-line description, the text of the pod's evidence item. */
  public String describe() {
    StringBuilder s = new StringBuilder();
    s.append("phase=").append(phase).append(" ready=").append(ready);
    s.append(" restarts=").append(restarts);
    if (waitingReason != null) {
      s.append(" waiting=").append(waitingReason);
    }
    if (lastTerminatedReason != null) {
      s.append(" lastTerminated=").append(lastTerminatedReason);
      if (lastExitCode != null) {
        s.append("(exit ").append(lastExitCode).append(')');
      }
    }
    if (!failingContainers.isEmpty() && !List.of(container).equals(failingContainers)) {
      s.append(" failing containers=").append(String.join(",", failingContainers));
    }
    if (reason != null) {
      s.append(" reason=").append(reason);
    }
    if (message != null && !message.isBlank()) {
      s.append(" message=\"").append(message).append('"');
    }
    s.append(" image=").append(image);
    if (replicaSet != null) {
      s.append(" replicaset=").append(replicaSet);
    }
    if (node != null) {
      s.append(" node=").append(node);
    }
    return s.toString();
  }

  /** The pod's status reason, else Unschedulable from its PodScheduled condition. */
  private static String reason(Pod pod) {
    if (pod.getStatus() == null) {
      return null;
    }
    if (pod.getStatus().getReason() != null) {
      return pod.getStatus().getReason();
    }
    return unschedulableCondition(pod).map(PodCondition::getReason).orElse(null);
  }

  private static String message(Pod pod) {
    if (pod.getStatus() == null) {
      return null;
    }
    if (pod.getStatus().getReason() != null) {
      return pod.getStatus().getMessage();
    }
    return unschedulableCondition(pod)
        .map(PodCondition::getMessage)
        .orElse(pod.getStatus().getMessage());
  }

  private static Optional<PodCondition> unschedulableCondition(Pod pod) {
    List<PodCondition> conditions = pod.getStatus().getConditions();
    return conditions == null
        ? Optional.empty()
        : conditions.stream()
            .filter(c -> "PodScheduled".equals(c.getType()))
            .filter(c -> "False".equals(c.getStatus()))
            .filter(c -> UNSCHEDULABLE.equals(c.getReason()))
            .findFirst();
  }

  private static ContainerStatus worst(List<ContainerStatus> statuses) {
    return statuses.stream()
        .filter(s -> s.getState() != null && s.getState().getWaiting() != null)
        .findFirst()
        .orElse(statuses.get(0));
  }

  private static String waiting(ContainerStatus s) {
    return s.getState() != null && s.getState().getWaiting() != null
        ? s.getState().getWaiting().getReason()
        : null;
  }

  private static String lastTerminated(ContainerStatus s) {
    if (s.getState() != null && s.getState().getTerminated() != null) {
      return s.getState().getTerminated().getReason();
    }
    return s.getLastState() != null && s.getLastState().getTerminated() != null
        ? s.getLastState().getTerminated().getReason()
        : null;
  }

  private static Integer lastExitCode(ContainerStatus s) {
    if (s.getState() != null && s.getState().getTerminated() != null) {
      return s.getState().getTerminated().getExitCode();
    }
    return s.getLastState() != null && s.getLastState().getTerminated() != null
        ? s.getLastState().getTerminated().getExitCode()
        : null;
  }

  private static Optional<String> owner(Pod pod) {
    List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
    return owners == null
        ? Optional.empty()
        : owners.stream()
            .filter(o -> "ReplicaSet".equals(o.getKind()))
            .map(OwnerReference::getName)
            .findFirst();
  }

  private static String firstContainer(Pod pod) {
    return pod.getSpec() == null || pod.getSpec().getContainers().isEmpty()
        ? "main"
        : pod.getSpec().getContainers().get(0).getName();
  }

  private static String firstImage(Pod pod) {
    return pod.getSpec() == null || pod.getSpec().getContainers().isEmpty()
        ? "unknown"
        : pod.getSpec().getContainers().get(0).getImage();
  }
}
