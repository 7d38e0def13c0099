package io.backstop.triage.incident;

import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which labels make two alerts one incident. {@code workload} is derived (see {@link
 * AlertGrouping}); any other name is an alert label. The default, namespace and workload, makes
 * every alert about one workload one incident, whatever its alertname: one cause, one incident.
 */
public record GroupingPolicy(@DefaultValue({"namespace", "workload"}) List<String> labels) {

  public GroupingPolicy {
    if (labels == null
        || labels.isEmpty()
        || labels.stream().anyMatch(l -> l == null || l.isBlank())) {
      throw new IllegalArgumentException(
          "backstop.triage.grouping.labels must name at least one label, but was " + labels);
    }
    labels = List.copyOf(labels);
  }

  public static GroupingPolicy defaults() {
    return new GroupingPolicy(List.of("namespace", "workload"));
  }
}
