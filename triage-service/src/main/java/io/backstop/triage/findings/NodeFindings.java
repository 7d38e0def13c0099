package io.backstop.triage.findings;

import io.backstop.events.signal.WorkloadRef;
import io.backstop.triage.kubernetes.EventObservation;
import io.backstop.triage.kubernetes.NodeReads;
import io.backstop.triage.kubernetes.PodObservation;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One node the alerted workload runs on, as its conditions, capacity and pods say: which pressure
 * conditions are true and since when, which other conditions report a problem
 * (node-problem-detector's KernelDeadlock, ReadonlyFilesystem, ...; NetworkUnavailable),
 * allocatable memory against what its pods request and what the metrics API says is in use, how
 * many pods were evicted from it recently, and which workloads (of any namespace) have pods there.
 * {@code -1} is unknown.
 */
public final class NodeFindings {

  private static final List<String> PRESSURES =
      List.of("MemoryPressure", "DiskPressure", "PIDPressure");

  /**
   * A node condition's type as the API and node-problem-detector name them (KernelDeadlock,
   * ReadonlyFilesystem, ...): anything else a node's status holds is not carried.
   */
  private static final java.util.regex.Pattern CONDITION_TYPE =
      java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9]{0,62}");

  private static final int MAX_PROBLEMS = 8;

  private NodeFindings() {}

  /** One node's report with the text of its evidence item. */
  public record Found(
      String name,
      List<String> pressure,
      long allocatableMemory,
      long requestedMemory,
      long usedMemory,
      int recentEvictions,
      Map<WorkloadRef, Integer> workloads,
      boolean systemOom,
      List<String> problems,
      String text) {

    public boolean underMemoryPressure() {
      return pressure.contains("MemoryPressure") || systemOom;
    }
  }

  public static Found of(
      NodeReads reads, Function<Pod, WorkloadRef> workloadOf, Duration window, Instant now) {
    List<String> pressure = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> since = new ArrayList<>();
    long allocatable = -1;
    if (reads.node().isPresent()) {
      var node = reads.node().get();
      List<NodeCondition> conditions =
          node.getStatus() == null || node.getStatus().getConditions() == null
              ? List.of()
              : node.getStatus().getConditions();
      for (NodeCondition c : conditions) {
        boolean on = "True".equals(c.getStatus()) && c.getType() != null;
        if (on && PRESSURES.contains(c.getType())) {
          pressure.add(c.getType());
        } else if (on
            && !"Ready".equals(c.getType())
            && problems.size() < MAX_PROBLEMS
            && CONDITION_TYPE.matcher(c.getType()).matches()) {
          problems.add(c.getType());
        }
        if (on && (pressure.contains(c.getType()) || problems.contains(c.getType()))) {
          since.add(
              c.getType()
                  + "=True"
                  + (c.getLastTransitionTime() == null ? "" : " since " + c.getLastTransitionTime())
                  + (c.getMessage() == null ? "" : " (" + c.getMessage() + ")"));
        }
      }
      Quantity q =
          node.getStatus() == null || node.getStatus().getAllocatable() == null
              ? null
              : node.getStatus().getAllocatable().get("memory");
      allocatable = q == null ? -1 : Quantity.getAmountInBytes(q).longValue();
    }
    long requested = 0;
    int evictions = 0;
    Map<WorkloadRef, Integer> workloads = new LinkedHashMap<>();
    for (Pod p : reads.pods()) {
      PodObservation o = PodObservation.of(p);
      if (o.evicted()) {
        Instant at = o.createdAt();
        if (at == null || !at.isBefore(now.minus(window))) {
          evictions++;
        }
        continue;
      }
      if (o.terminal()) {
        continue;
      }
      requested += requests(p);
      workloads.merge(workloadOf.apply(p), 1, Integer::sum);
    }
    List<EventObservation> events = reads.events().stream().map(EventObservation::of).toList();
    boolean systemOom =
        events.stream()
            .anyMatch(
                e ->
                    e.reason().equals("SystemOOM")
                        && e.lastSeen() != null
                        && !e.lastSeen().isBefore(now.minus(window)));
    int evictionEvents =
        events.stream()
            .filter(
                e -> e.reason().startsWith("Evict") || e.reason().equals("EvictionThresholdMet"))
            .mapToInt(EventObservation::count)
            .sum();
    long used =
        reads
            .usage()
            .map(m -> m.getUsage() == null ? null : m.getUsage().get("memory"))
            .map(q -> Quantity.getAmountInBytes(q).longValue())
            .orElse(-1L);
    String text =
        "node "
            + reads.name()
            + (reads.node().isEmpty() ? " (could not be read)" : "")
            + ": "
            + (since.isEmpty() ? "no pressure or problem condition" : String.join(", ", since))
            + "; allocatable memory "
            + mib(allocatable)
            + ", requested "
            + mib(requested)
            + " by its running pods, in use "
            + mib(used)
            + (used >= 0 && allocatable > 0
                ? " (" + Math.round(100.0 * used / allocatable) + "%)"
                : "")
            + "; "
            + Math.max(evictions, evictionEvents)
            + " evictions recently"
            + (systemOom ? "; the kernel OOM killer ran (SystemOOM)" : "")
            + "; workloads on it: "
            + describe(workloads);
    return new Found(
        reads.name(),
        List.copyOf(pressure),
        allocatable,
        requested,
        used,
        Math.max(evictions, evictionEvents),
        workloads,
        systemOom,
        List.copyOf(problems),
        text);
  }

  private static String describe(Map<WorkloadRef, Integer> workloads) {
    List<String> parts = new ArrayList<>();
    workloads.forEach(
        (ref, n) ->
            parts.add(
                ref.namespace() + "/" + ref.name() + " (" + n + (n == 1 ? " pod)" : " pods)")));
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  private static long requests(Pod p) {
    long total = 0;
    for (Container c : p.getSpec() == null ? List.<Container>of() : p.getSpec().getContainers()) {
      Quantity q =
          c.getResources() == null || c.getResources().getRequests() == null
              ? null
              : c.getResources().getRequests().get("memory");
      total += q == null ? 0 : Quantity.getAmountInBytes(q).longValue();
    }
    return total;
  }

  static String mib(long bytes) {
    return bytes < 0 ? "unknown" : (bytes >> 20) + "Mi";
  }
}
