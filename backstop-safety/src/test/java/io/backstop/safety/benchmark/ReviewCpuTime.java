package io.backstop.safety.benchmark;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.safety.Guardrails;
import io.backstop.safety.budget.IncidentBudget;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Optional;

/**
 * The CPU time of one full review, measured with the thread's CPU clock rather than the wall clock,
 * so the figure holds on a machine shared with other work (where JMH's wall-clock average also
 * counts the time the thread waited for a core). Prints microseconds per review.
 */
public final class ReviewCpuTime {

  private static final int WARMUP = 20_000;
  private static final int MEASURED = 20_000;

  private ReviewCpuTime() {}

  public static void main(String[] args) {
    Guardrails guardrails = Guardrails.load(Optional.empty(), Fixtures.CLOCK);
    report("honest rollback (every policy evaluated)", guardrails, Diagnoses.honestRollback());
    report(
        "hallucinated rollback (stops at quality)",
        guardrails,
        Diagnoses.hallucinatedRollbackAll());
  }

  private static void report(String name, Guardrails guardrails, DiagnosisProposed diagnosis) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    run(guardrails, diagnosis, WARMUP);
    long cpuStart = threads.getCurrentThreadCpuTime();
    long wallStart = System.nanoTime();
    run(guardrails, diagnosis, MEASURED);
    double cpuMicros = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e3 / MEASURED;
    double wallMicros = (System.nanoTime() - wallStart) / 1e3 / MEASURED;
    System.out.printf(
        "ReviewCpuTime %-42s cpu %8.1f us/review   wall %8.1f us/review%n",
        name, cpuMicros, wallMicros);
  }

  private static void run(Guardrails guardrails, DiagnosisProposed diagnosis, int times) {
    for (int i = 0; i < times; i++) {
      if (guardrails.review().evaluate(diagnosis, IncidentBudget.fresh(), guardrails.breakers())
          == null) {
        throw new IllegalStateException("no decision");
      }
    }
  }
}
