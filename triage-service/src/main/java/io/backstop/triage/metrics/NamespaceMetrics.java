package io.backstop.triage.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the namespace-wide queries said, per deployment: its error signal (by status code against
 * its own baseline), its summed memory working set, its fullest container's share of the memory
 * limit and each pod's share over the range. Used to find the workloads whose own signals are
 * anomalous in the same window as the alert, and to judge their revisions.
 */
public record NamespaceMetrics(Map<String, WorkloadMetrics> workloads, List<String> failures) {

  public static final NamespaceMetrics NONE = new NamespaceMetrics(Map.of(), List.of());

  public NamespaceMetrics {
    workloads = Map.copyOf(workloads);
    failures = List.copyOf(failures);
  }

  /**
   * One deployment's namespace-wide readings; a missing one is null / empty. {@code podMemory}:
   * each pod's working set over its limit, one series per pod (labelled {@code pod}).
   */
  public record WorkloadMetrics(
      ErrorSignal errors, List<Sample> memory, List<Sample> memoryRatio, List<Series> podMemory) {

    public WorkloadMetrics {
      memory = memory == null ? List.of() : List.copyOf(memory);
      memoryRatio = memoryRatio == null ? List.of() : List.copyOf(memoryRatio);
      podMemory = podMemory == null ? List.of() : List.copyOf(podMemory);
    }

    public WorkloadMetrics(ErrorSignal errors, List<Sample> memory, List<Sample> memoryRatio) {
      this(errors, memory, memoryRatio, List.of());
    }

    public Optional<ErrorSignal> errorSignal() {
      return Optional.ofNullable(errors);
    }
  }

  /** The namespace-wide series as read, resolved once each workload's error codes are known. */
  public record Raw(
      Map<String, List<Series>> results, List<String> failures, PrometheusSettings settings) {

    public Raw {
      results = Map.copyOf(results);
      failures = List.copyOf(failures);
    }

    public NamespaceMetrics resolve(Function<String, ErrorCodes> codesOf) {
      return NamespaceMetrics.of(results, codesOf, settings, failures);
    }
  }

  public Optional<WorkloadMetrics> of(String deployment) {
    return Optional.ofNullable(workloads.get(deployment));
  }

  static NamespaceMetrics of(
      Map<String, List<Series>> results,
      Function<String, ErrorCodes> codesOf,
      PrometheusSettings settings,
      List<String> failures) {
    Map<String, Map<String, List<Sample>>> byCode = new LinkedHashMap<>();
    for (Series s : results.getOrDefault(PrometheusSettings.REQUESTS_BY_CODE, List.of())) {
      String deployment = s.labels().getOrDefault("deployment", "");
      String code = s.labels().getOrDefault("code", "");
      if (!deployment.isEmpty() && !code.isEmpty()) {
        byCode.computeIfAbsent(deployment, d -> new LinkedHashMap<>()).put(code, s.samples());
      }
    }
    Map<String, List<Sample>> memory = byDeployment(results.get(PrometheusSettings.MEMORY));
    Map<String, List<Sample>> ratio = byDeployment(results.get(PrometheusSettings.MEMORY_RATIO));
    Map<String, List<Series>> pods = new LinkedHashMap<>();
    for (Series s : results.getOrDefault(PrometheusSettings.MEMORY_BY_POD, List.of())) {
      String deployment = s.labels().getOrDefault("deployment", "");
      if (!deployment.isEmpty()) {
        pods.computeIfAbsent(deployment, d -> new ArrayList<>()).add(s);
      }
    }
    Map<String, WorkloadMetrics> out = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(byCode.keySet());
    memory.keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
    ratio.keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
    pods.keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
    for (String name : names) {
      ErrorSignal errors =
          byCode.containsKey(name)
              ? ErrorSignal.of(
                      byCode.get(name),
                      codesOf.apply(name),
                      settings.errorRatioThreshold(),
                      settings.nearZero())
                  .orElse(null)
              : null;
      out.put(name, new WorkloadMetrics(errors, memory.get(name), ratio.get(name), pods.get(name)));
    }
    return new NamespaceMetrics(out, failures);
  }

  private static Map<String, List<Sample>> byDeployment(List<Series> series) {
    Map<String, List<Sample>> out = new LinkedHashMap<>();
    if (series != null) {
      for (Series s : series) {
        String deployment = s.labels().getOrDefault("deployment", "");
        if (!deployment.isEmpty()) {
          out.put(deployment, s.samples());
        }
      }
    }
    return out;
  }
}
