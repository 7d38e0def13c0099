package io.backstop.executor;

import io.backstop.events.IncidentEvent;
import java.util.Optional;

/**
 * The global write breaker as the executor sees it: whether automated writes to a namespace are
 * stopped. It is fed with facts: each approval the executor actually writes for, each outcome it
 * emits (NOT_RECOVERED and REVERTED count as failed recoveries) and each human BreakerReset.
 */
public interface WriteBreaker {

  /** Why writes to this namespace are stopped, or empty when they may proceed. */
  Optional<String> openReason(String namespace);

  /** Feeds one fact: an approval that was written, an outcome, an escalation or a reset. */
  void observe(IncidentEvent event);
}
