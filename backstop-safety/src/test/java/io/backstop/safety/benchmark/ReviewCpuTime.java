package io.backstop.safety.benchmark;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.safety.Guardrails;
import io.backstop.safety.budget.IncidentBudget;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The CPU time of one full review, measured with the thread's CPU clock rather than the wall clock,
 * so the figure holds on a machine shared with other work (where JMH's wall-clock figures also
 * count the time the thread waited for a core). Judges the same rotating inputs as {@link
 * ReviewBenchmark} and prints microseconds per review.
 */
public final class ReviewCpuTime {

  private static final int WARMUP = 20_000;
  private static final int MEASURED = 20_000;

  private ReviewCpuTime() {}

  public static void main(String[] args) {
    Guardrails guardrails = Guardrails.load(Optional.empty(), Fixtures.CLOCK);
    report("approvals (every policy evaluated)", guardrails, ReviewInputs.approvals());
    report("denials (quality or action gate)", guardrails, ReviewInputs.denials());
  }

  private static void report(String name, Guardrails guardrails, List<DiagnosisProposed> inputs) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    run(guardrails, inputs, WARMUP);
    long cpuStart = threads.getCurrentThreadCpuTime();
    long wallStart = System.nanoTime();
    run(guardrails, inputs, MEASURED);
    double cpuMicros = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e3 / MEASURED;
    double wallMicros = (System.nanoTime() - wallStart) / 1e3 / MEASURED;
    System.out.printf(
        "ReviewCpuTime %-42s cpu %8.1f us/review   wall %8.1f us/review%n",
        name, cpuMicros, wallMicros);
    // each review's own CPU time (the clock is read around each call, which adds about a
    // microsecond): the review's own p99, without the time it waited for a core or for a GC pause
    long[] cpu = new long[MEASURED];
    long[] wall = new long[MEASURED];
    for (int i = 0; i < MEASURED; i++) {
      DiagnosisProposed proposal = inputs.get(i % inputs.size());
      long c0 = threads.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      if (guardrails.review().evaluate(proposal, IncidentBudget.fresh(), guardrails.breakers())
          == null) {
        throw new IllegalStateException("no decision");
      }
      wall[i] = System.nanoTime() - w0;
      cpu[i] = threads.getCurrentThreadCpuTime() - c0;
    }
    Arrays.sort(cpu);
    Arrays.sort(wall);
    System.out.printf(
        "ReviewCpuTime %-42s per review cpu p50 %6.1f p99 %6.1f p99.9 %7.1f us"
            + "   wall p50 %6.1f p99 %8.1f us%n",
        name, at(cpu, 0.50), at(cpu, 0.99), at(cpu, 0.999), at(wall, 0.50), at(wall, 0.99));
  }

  private static double at(long[] sortedNanos, double quantile) {
    return sortedNanos[(int) Math.min(sortedNanos.length - 1, quantile * sortedNanos.length)] / 1e3;
  }

  private static void run(Guardrails guardrails, List<DiagnosisProposed> inputs, int times) {
    for (int i = 0; i < times; i++) {
      DiagnosisProposed proposal = inputs.get(i % inputs.size());
      if (guardrails.review().evaluate(proposal, IncidentBudget.fresh(), guardrails.breakers())
          == null) {
        throw new IllegalStateException("no decision");
      }
    }
  }
}
