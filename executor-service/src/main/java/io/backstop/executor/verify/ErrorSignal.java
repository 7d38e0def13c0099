package io.backstop.executor.verify;

import io.backstop.events.signal.WorkloadRef;

/**
 * The workload's error ratio after a write. {@code null} means no error signal is configured; a
 * configured source that cannot answer reports {@code NaN}, which never counts as recovered.
 */
public interface ErrorSignal {

  Double errorRatio(WorkloadRef ref);

  ErrorSignal NONE = ref -> null;
}
