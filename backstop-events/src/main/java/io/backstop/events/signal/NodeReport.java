package io.backstop.events.signal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.backstop.events.Require;
import io.backstop.events.id.EvidenceId;
import java.util.List;

/**
 * A node the alerted workload's pods run on: its pressure conditions that are true ({@code
 * MemoryPressure}, {@code DiskPressure}, {@code PIDPressure}), allocatable against requested
 * memory, evictions in the window, and the workloads with pods on it. {@code -1} is unknown. {@code
 * problems} are the node's other conditions that are true, other than {@code Ready}: those a
 * node-problem-detector sets ({@code KernelDeadlock} for tasks hung in the kernel, such as on a
 * storage mount that stopped answering, {@code ReadonlyFilesystem}, {@code FrequentKubeletRestart},
 * ...) and {@code NetworkUnavailable}; empty when none (absent in older documents).
 */
public record NodeReport(
    String name,
    List<String> pressure,
    long allocatableMemoryBytes,
    long requestedMemoryBytes,
    int recentEvictions,
    List<WorkloadRef> workloads,
    List<EvidenceId> evidence,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> problems) {

  public NodeReport {
    Require.text(name, "node.name");
    pressure = Require.list(pressure);
    problems = Require.list(problems);
    workloads = Require.list(workloads);
    evidence = Require.list(evidence);
  }

  public boolean underMemoryPressure() {
    return pressure.contains("MemoryPressure");
  }

  public boolean underDiskPressure() {
    return pressure.contains("DiskPressure");
  }

  /** The node is out of process ids: no container on it can start a process or a thread. */
  public boolean underPidPressure() {
    return pressure.contains("PIDPressure");
  }

  /**
   * A fault of the node itself that new pods placed there would share: any problem condition but
   * {@code NetworkUnavailable} (the scheduler keeps new pods off such a node by its taint).
   */
  public boolean faulty() {
    return problems.stream().anyMatch(p -> !p.equals("NetworkUnavailable"));
  }
}
