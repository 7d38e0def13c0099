package io.backstop.safety.benchmark;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.safety.Guardrails;
import io.backstop.safety.budget.IncidentBudget;
import io.backstop.safety.review.Decision;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * One full review (facts, quality, action, autonomy, budget and breaker gates, decision) of the
 * honest rollback, which passes every gate and so evaluates every policy, and of the headline lie,
 * which stops at the quality gate. Run: {@code ./mvnw -pl backstop-safety -P benchmarks verify}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReviewBenchmark {

  private Guardrails guardrails;
  private DiagnosisProposed honest;
  private DiagnosisProposed lie;

  @Setup
  public void setUp() {
    guardrails = Guardrails.load(Optional.empty(), Fixtures.CLOCK);
    honest = Diagnoses.honestRollback();
    lie = Diagnoses.hallucinatedRollbackAll();
  }

  @Benchmark
  public Decision reviewHonestRollback() {
    return guardrails.review().evaluate(honest, IncidentBudget.fresh(), guardrails.breakers());
  }

  @Benchmark
  public Decision reviewHallucinatedRollback() {
    return guardrails.review().evaluate(lie, IncidentBudget.fresh(), guardrails.breakers());
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(ReviewBenchmark.class.getSimpleName()).build()).run();
  }
}
