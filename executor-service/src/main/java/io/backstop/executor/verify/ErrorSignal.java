package io.backstop.executor.verify;

import io.backstop.events.signal.ErrorBasis;
import io.backstop.events.signal.WorkloadRef;
import java.util.Optional;

/**
 * The workload's error ratio after a write. {@code null} means no error signal is configured; a
 * configured source that cannot answer reports {@code NaN}, which never counts as recovered.
 */
public interface ErrorSignal {

  /**
   * The share of requests answered with a 5xx: the fixed rule, for signals that record no basis.
   */
  Double errorRatio(WorkloadRef ref);

  /**
   * The share of requests answered with one of the codes triage judged the incident by ({@code
   * basis}), or the fixed rule's ratio when {@code basis} is null (events that recorded none). A
   * source that cannot measure a recorded basis answers {@code NaN}: never recovered.
   */
  default Double errorRatio(WorkloadRef ref, ErrorBasis basis) {
    return basis == null ? errorRatio(ref) : Double.NaN;
  }

  /**
   * Why this source refuses to measure {@code basis} for {@code ref} at all (its recorded query is
   * not one this source would run), as a line a human can read; empty when it measures. A refused
   * basis always measures {@code NaN}.
   */
  default Optional<String> refusal(WorkloadRef ref, ErrorBasis basis) {
    return Optional.empty();
  }

  /** No error source configured: verification judges the rollout alone, whatever the basis. */
  ErrorSignal NONE =
      new ErrorSignal() {
        @Override
        public Double errorRatio(WorkloadRef ref) {
          return null;
        }

        @Override
        public Double errorRatio(WorkloadRef ref, ErrorBasis basis) {
          return null;
        }
      };
}
