package io.backstop.safety.benchmark;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.safety.Guardrails;
import io.backstop.safety.budget.IncidentBudget;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where the slowest reviews' time goes: times each review of the rotating inputs by wall clock and
 * by the thread's CPU clock, notes whether a garbage collection or a JIT compilation ran while it
 * did, and prints, for the slowest 1 % and 0.1 % by wall clock and by CPU time, how many overlapped
 * a collection, how many overlapped a compilation, how many spent most of their wall time off a
 * core (waiting for it: the machine, not the review), and which input shapes they were. A tail made
 * of one shape is a slow path in the code; a tail spread over every shape with most time off-core
 * is the machine.
 */
public final class ReviewTail {

  private static final int WARMUP = 40_000;
  private static final int MEASURED = 100_000;
  private static final Path THREAD_SCHEDSTAT = Path.of("/proc/thread-self/schedstat");
  private static final Path THREAD_STAT = Path.of("/proc/thread-self/stat");

  private ReviewTail() {}

  public static void main(String[] args) {
    Guardrails guardrails = Guardrails.load(Optional.empty(), Fixtures.CLOCK);
    report("approvals", guardrails, ReviewInputs.approvals(), 5);
    report("denials", guardrails, ReviewInputs.denials(), 6);
  }

  private static void report(
      String name, Guardrails guardrails, List<DiagnosisProposed> inputs, int shapes) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    for (int i = 0; i < WARMUP; i++) {
      review(guardrails, inputs.get(i % inputs.size()));
    }
    long[] wall = new long[MEASURED];
    long[] cpu = new long[MEASURED];
    boolean[] gc = new boolean[MEASURED];
    boolean[] compiled = new boolean[MEASURED];
    boolean[] faulted = new boolean[MEASURED];
    boolean[] switched = new boolean[MEASURED];
    long slices = slices();
    for (int i = 0; i < MEASURED; i++) {
      DiagnosisProposed proposal = inputs.get(i % inputs.size());
      long faults0 = faults();
      long gc0 = collections(collectors);
      long jit0 = jit.getTotalCompilationTime();
      long c0 = threads.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      review(guardrails, proposal);
      wall[i] = System.nanoTime() - w0;
      cpu[i] = threads.getCurrentThreadCpuTime() - c0;
      compiled[i] = jit.getTotalCompilationTime() != jit0;
      gc[i] = collections(collectors) != gc0;
      faulted[i] = faults() != faults0;
      long slicesNow = slices();
      switched[i] = slicesNow != slices;
      slices = slicesNow;
    }
    System.out.printf(
        "ReviewTail %-9s wall p50 %6.1f p90 %6.1f p99 %7.1f p99.9 %8.1f us | cpu p50 %6.1f p90"
            + " %6.1f p99 %7.1f p99.9 %8.1f us%n",
        name,
        at(wall, 0.5),
        at(wall, 0.9),
        at(wall, 0.99),
        at(wall, 0.999),
        at(cpu, 0.5),
        at(cpu, 0.9),
        at(cpu, 0.99),
        at(cpu, 0.999));
    for (double share : new double[] {0.01, 0.001}) {
      tail(name, "wall", wall, wall, cpu, gc, compiled, faulted, switched, share, shapes);
      tail(name, "cpu", cpu, wall, cpu, gc, compiled, faulted, switched, share, shapes);
    }
  }

  private static void tail(
      String name,
      String by,
      long[] key,
      long[] wall,
      long[] cpu,
      boolean[] gc,
      boolean[] compiled,
      boolean[] faulted,
      boolean[] switched,
      double share,
      int shapes) {
    long threshold = (long) at(key, 1 - share) * 1000;
    int count = 0;
    int duringGc = 0;
    int duringJit = 0;
    int offCore = 0;
    int withFault = 0;
    int afterSwitch = 0;
    int[] byShape = new int[shapes];
    for (int i = 0; i < key.length; i++) {
      if (key[i] < threshold) {
        continue;
      }
      count++;
      duringGc += gc[i] ? 1 : 0;
      duringJit += compiled[i] ? 1 : 0;
      withFault += faulted[i] ? 1 : 0;
      afterSwitch += switched[i] ? 1 : 0;
      offCore += wall[i] - cpu[i] > wall[i] / 2 ? 1 : 0;
      byShape[i % shapes]++;
    }
    System.out.printf(
        "ReviewTail %-9s slowest %4.1f%% by %-4s (>= %.1f us): %d reviews, %d during a GC, %d"
            + " during a JIT compilation, %d with a page fault, %d after or during a switch off the core, %d mostly off-core; by input shape"
            + " %s%n",
        name,
        share * 100,
        by,
        threshold / 1e3,
        count,
        duringGc,
        duringJit,
        withFault,
        afterSwitch,
        offCore,
        Arrays.toString(byShape));
  }

  /** The review thread's minor and major page faults so far (Linux; 0 where it cannot be read). */
  private static long faults() {
    try {
      String stat = Files.readString(THREAD_STAT);
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[7]) + Long.parseLong(fields[9]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** How many times the scheduler has put the review thread on a core (Linux; 0 where unknown). */
  private static long slices() {
    try {
      return Long.parseLong(Files.readString(THREAD_SCHEDSTAT).trim().split(" ")[2]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static long collections(List<GarbageCollectorMXBean> collectors) {
    long total = 0;
    for (GarbageCollectorMXBean collector : collectors) {
      total += collector.getCollectionCount();
    }
    return total;
  }

  private static void review(Guardrails guardrails, DiagnosisProposed proposal) {
    if (guardrails.review().evaluate(proposal, IncidentBudget.fresh(), guardrails.breakers())
        == null) {
      throw new IllegalStateException("no decision");
    }
  }

  private static double at(long[] nanos, double quantile) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, quantile * sorted.length)] / 1e3;
  }
}
