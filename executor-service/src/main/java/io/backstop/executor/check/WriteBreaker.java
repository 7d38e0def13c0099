package io.backstop.executor.check;

import io.backstop.events.IncidentEvent;
import java.util.Optional;

/**
 * The global write breaker as the executor sees it: whether automated writes to a namespace are
 * stopped. It is fed with facts: each approval the executor actually writes for, each outcome it
 * emits (NOT_RECOVERED, REVERTED and REVERT_NOT_RECOVERED count as failed recoveries) and each
 * BreakerReset the guardrail signed. Time is the executor's own clock, never a sender's.
 */
public interface WriteBreaker {

  /** Why writes to this namespace are stopped, or empty when they may proceed. */
  Optional<String> openReason(String namespace);

  /** Feeds one fact seen now: an approval that was written, an outcome, an escalation, a reset. */
  void observe(IncidentEvent event);

  /** Feeds one fact from the executor's own record of when it happened (a replay on start). */
  void observe(IncidentEvent event, java.time.Instant at);
}
