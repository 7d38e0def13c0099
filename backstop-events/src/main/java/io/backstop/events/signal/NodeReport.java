package io.backstop.events.signal;

import io.backstop.events.Require;
import io.backstop.events.id.EvidenceId;
import java.util.List;

/**
 * A node the alerted workload's pods run on: its pressure conditions that are true ({@code
 * MemoryPressure}, {@code DiskPressure}, {@code PIDPressure}), allocatable against requested
 * memory, evictions in the window, and the workloads with pods on it. {@code -1} is unknown.
 */
public record NodeReport(
    String name,
    List<String> pressure,
    long allocatableMemoryBytes,
    long requestedMemoryBytes,
    int recentEvictions,
    List<WorkloadRef> workloads,
    List<EvidenceId> evidence) {

  public NodeReport {
    Require.text(name, "node.name");
    pressure = Require.list(pressure);
    workloads = Require.list(workloads);
    evidence = Require.list(evidence);
  }

  public boolean underMemoryPressure() {
    return pressure.contains("MemoryPressure");
  }

  public boolean underDiskPressure() {
    return pressure.contains("DiskPressure");
  }
}
