package io.backstop.triage.incident;

import io.backstop.triage.Limits;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which labels make two alerts one incident, and when an open incident that has gone quiet is
 * considered over. {@code workload} is derived (see {@link AlertGrouping}); any other name is an
 * alert label. The default, namespace and workload, makes every alert about one workload one
 * incident, whatever its alertname: one cause, one incident, one write at most.
 */
public record GroupingPolicy(
    @DefaultValue({"namespace", "workload"}) List<String> labels,
    @DefaultValue("12h") Duration staleAfter,
    @DefaultValue("16") int auditedFingerprints) {

  public GroupingPolicy {
    if (labels == null
        || labels.isEmpty()
        || labels.stream().anyMatch(l -> l == null || l.isBlank())) {
      throw new IllegalArgumentException(
          "backstop.triage.grouping.labels must name at least one label, but was " + labels);
    }
    labels = List.copyOf(labels);
    Limits.positive("backstop.triage.grouping.stale-after", staleAfter);
    Limits.between("backstop.triage.grouping.audited-fingerprints", auditedFingerprints, 1, 1000);
  }

  public static GroupingPolicy defaults() {
    return new GroupingPolicy(List.of("namespace", "workload"), Duration.ofHours(12), 16);
  }
}
