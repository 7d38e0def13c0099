package io.backstop.safety.benchmark;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.safety.Guardrails;
import io.backstop.safety.budget.IncidentBudget;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
