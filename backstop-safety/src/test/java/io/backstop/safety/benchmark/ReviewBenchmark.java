package io.backstop.safety.benchmark;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.safety.Guardrails;
import io.backstop.safety.budget.IncidentBudget;
import io.backstop.safety.review.Decision;
import io.backstop.safety.review.Outcome;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * One full review (facts, quality, action, autonomy, budget and breaker gates, decision) per
 * invocation, in sample mode so JMH prints p50 and p99. Each invocation judges the next proposal of
 * a rotating set ({@link ReviewInputs}: every action type approved, wrong proposals stopped at the
 * quality and at the action gate), each with its own text, and the decision goes to a Blackhole.
 * The setup checks every input still gets the outcome it was chosen for, so a change that breaks
 * the decisions cannot make the figures look better. Run: {@code ./mvnw -pl backstop-safety -P
 * benchmarks verify}; allocation per review with {@code -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReviewBenchmark {

  private Guardrails guardrails;
  private DiagnosisProposed[] approvals;
  private DiagnosisProposed[] denials;
  private int nextApproval;
  private int nextDenial;

  @Setup(Level.Trial)
  public void setUp() {
    guardrails = Guardrails.load(Optional.empty(), Fixtures.CLOCK);
    approvals = checked(ReviewInputs.approvals(), true);
    denials = checked(ReviewInputs.denials(), false);
  }

  /** A right fix: every policy evaluated, an approval built. */
  @Benchmark
  public void approve(Blackhole sink) {
    DiagnosisProposed proposal = approvals[nextApproval];
    nextApproval = (nextApproval + 1) % approvals.length;
    sink.consume(review(proposal));
  }

  /** A wrong proposal: stopped at the quality or the action gate. */
  @Benchmark
  public void deny(Blackhole sink) {
    DiagnosisProposed proposal = denials[nextDenial];
    nextDenial = (nextDenial + 1) % denials.length;
    sink.consume(review(proposal));
  }

  private Decision review(DiagnosisProposed proposal) {
    return guardrails.review().evaluate(proposal, IncidentBudget.fresh(), guardrails.breakers());
  }

  private DiagnosisProposed[] checked(List<DiagnosisProposed> inputs, boolean approve) {
    for (DiagnosisProposed input : inputs) {
      Outcome outcome = review(input).outcome();
      if ((outcome == Outcome.APPROVE) != approve) {
        throw new IllegalStateException(
            "benchmark input '"
                + input.hypothesis()
                + "' is no longer "
                + (approve ? "approved" : "stopped")
                + ": "
                + outcome);
      }
    }
    return inputs.toArray(DiagnosisProposed[]::new);
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(ReviewBenchmark.class.getSimpleName()).build()).run();
  }
}
