package io.backstop.executor;

import java.time.Instant;
import java.util.Optional;

/**
 * The global write breaker as the executor sees it: whether automated writes to a namespace are
 * stopped, fed with the executor's own writes and failed recoveries and reset by a human.
 */
public interface WriteBreaker {

  /** Why writes to this namespace are stopped, or empty when they may proceed. */
  Optional<String> openReason(String namespace, Instant now);

  void recordWrite(String namespace, Instant at);

  void recordFailedRecovery(String namespace, Instant at);

  void reset(String namespace, Instant at);
}
