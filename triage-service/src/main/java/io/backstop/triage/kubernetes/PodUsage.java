package io.backstop.triage.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One pod's CPU and memory use as {@code metrics.k8s.io} reports it, next to the limits its spec
 * sets (summed over its containers). A limit is null when any container of the pod has none: a
 * share of "no limit" is not a number, so no ratio is invented.
 */
public record PodUsage(
    String pod, double cpuCores, long memoryBytes, Double cpuLimitCores, Long memoryLimitBytes) {

  /** The usage of {@code metrics}, with limits from {@code pod}'s spec when the pod is known. */
  public static PodUsage of(PodMetrics metrics, Optional<Pod> pod) {
    List<ContainerMetrics> containers =
        metrics.getContainers() == null ? List.of() : metrics.getContainers();
    double cpu = containers.stream().mapToDouble(c -> amount(c.getUsage(), "cpu")).sum();
    double memory = containers.stream().mapToDouble(c -> amount(c.getUsage(), "memory")).sum();
    List<Container> spec =
        pod.map(p -> p.getSpec() == null ? List.<Container>of() : p.getSpec().getContainers())
            .orElse(List.of());
    Double cpuLimit = limit(spec, "cpu");
    Double memoryLimit = limit(spec, "memory");
    return new PodUsage(
        metrics.getMetadata().getName(),
        cpu,
        Math.round(memory),
        cpuLimit,
        memoryLimit == null ? null : Math.round(memoryLimit));
  }

  /** CPU used over the CPU limit, empty without a limit. */
  public Optional<Double> cpuShare() {
    return cpuLimitCores == null || cpuLimitCores <= 0
        ? Optional.empty()
        : Optional.of(cpuCores / cpuLimitCores);
  }

  /** Memory working set over the memory limit, empty without a limit. */
  public Optional<Double> memoryShare() {
    return memoryLimitBytes == null || memoryLimitBytes <= 0
        ? Optional.empty()
        : Optional.of((double) memoryBytes / memoryLimitBytes);
  }

  /** A one-line description, the text of the usage's evidence item. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "cpu %.3f cores of limit %s%s, memory %d bytes of limit %s%s",
        cpuCores,
        cpuLimitCores == null ? "none" : String.format(Locale.ROOT, "%.3f", cpuLimitCores),
        cpuShare().map(PodUsage::percent).orElse(""),
        memoryBytes,
        memoryLimitBytes == null ? "none" : memoryLimitBytes.toString(),
        memoryShare().map(PodUsage::percent).orElse(""));
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, " (%.0f%%)", share * 100);
  }

  private static double amount(Map<String, Quantity> values, String resource) {
    Quantity q = values == null ? null : values.get(resource);
    return q == null ? 0 : q.getNumericalAmount().doubleValue();
  }

  private static Double limit(List<Container> containers, String resource) {
    if (containers.isEmpty()) {
      return null;
    }
    BigDecimal total = BigDecimal.ZERO;
    for (Container c : containers) {
      Map<String, Quantity> limits = c.getResources() == null ? null : c.getResources().getLimits();
      Quantity q = limits == null ? null : limits.get(resource);
      if (q == null) {
        return null;
      }
      total = total.add(q.getNumericalAmount());
    }
    return total.doubleValue();
  }
}
