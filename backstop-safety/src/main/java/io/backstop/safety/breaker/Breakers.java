package io.backstop.safety.breaker;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.BreakerReset;
import io.backstop.events.Escalated;
import io.backstop.events.IncidentEvent;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.escalation.EscalationReason;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The global write breaker, one per namespace, fed with events: approvals count as writes,
 * NOT_RECOVERED, REVERTED and REVERT_NOT_RECOVERED outcomes as failed recoveries, an {@code
 * Escalated(BREAKER_OPEN)} trips it, and only a {@code BreakerReset} closes it. Safety rationale:
 * state changes only through events, so guardrail and executor can both feed it and a replay
 * rebuilds it exactly; an unknown namespace starts CLOSED with an empty window. Thread-safe.
 *
 * <p>An approval counts as a write when it is applied, so a consumer about to act on an approval
 * asks {@link #allowsWrite} BEFORE applying that approval (the guardrail does exactly this).
 */
public final class Breakers {

  private final BreakerSettings settings;
  private final Clock clock;
  private final Map<String, NamespaceBreaker> byNamespace = new ConcurrentHashMap<>();

  public Breakers(BreakerSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  public BreakerSettings settings() {
    return settings;
  }

  public NamespaceBreaker of(String namespace) {
    NamespaceBreaker breaker = byNamespace.get(namespace);
    // a closed one is made only for a namespace not seen (getOrDefault made one on every call)
    return breaker != null ? breaker : NamespaceBreaker.closed(namespace);
  }

  /** Whether an automated write in the namespace may go ahead now (by the injected clock). */
  public boolean allowsWrite(String namespace) {
    return of(namespace).allowsWrite(clock.instant(), settings);
  }

  /**
   * Applies one event; returns the namespace's breaker when this event changed its state from
   * CLOSED to OPEN (so the caller can escalate once), empty otherwise.
   */
  public Optional<NamespaceBreaker> apply(IncidentEvent event) {
    return apply(event, clock.instant());
  }

  /**
   * Applies one event as observed at {@code observedAt} (a replay's own record of when it happened;
   * never later than now, so a fact cannot be pushed into the future to stay in the window).
   */
  public Optional<NamespaceBreaker> apply(IncidentEvent event, Instant observedAt) {
    Instant now = clock.instant();
    Instant at = observedAt.isAfter(now) ? now : observedAt;
    Optional<String> namespace = namespaceOf(event);
    if (namespace.isEmpty()) {
      return Optional.empty();
    }
    BreakerState before = of(namespace.get()).state();
    NamespaceBreaker after =
        byNamespace.compute(
            namespace.get(),
            (ns, breaker) ->
                next(breaker == null ? NamespaceBreaker.closed(ns) : breaker, event, at));
    return before == BreakerState.CLOSED && after.state() == BreakerState.OPEN
        ? Optional.of(after)
        : Optional.empty();
  }

  /**
   * Automated writes to this Deployment within the loop window before now (by the injected clock),
   * in any incident: the remediation-loop count the action gate reads.
   */
  public long recentWritesTo(String namespace, String deployment) {
    return of(namespace).writesTo(deployment, clock.instant(), settings);
  }

  /**
   * The latest automated write to this Deployment, by another incident than {@code incident}, that
   * has not settled now (by the injected clock): no outcome seen yet, or written less than {@code
   * breaker.cooldown} ago. A second automated fix stacked on it would hide the first one's effect.
   */
  public Optional<NamespaceBreaker.DeploymentWrite> settlingWriteTo(
      String namespace, String deployment, String incident) {
    return of(namespace).settlingWriteTo(deployment, incident, clock.instant(), settings);
  }

  /** Every namespace the breaker has seen, sorted by name. */
  public List<NamespaceBreaker> snapshot() {
    return List.copyOf(new TreeMap<>(byNamespace).values());
  }

  /**
   * Whether an outcome leaves the cluster changed by its write, so the cool-down runs from it:
   * written and observed, FAILED (may have written partly) and ALREADY_APPLIED (written by an
   * earlier delivery of the same approval). Only a write that never happened (REFUSED, DRY_RUN)
   * settles at once.
   */
  static boolean wroteOrMayHave(ExecutionStatus status) {
    return status.written()
        || status == ExecutionStatus.FAILED
        || status == ExecutionStatus.ALREADY_APPLIED;
  }

  private NamespaceBreaker next(NamespaceBreaker breaker, IncidentEvent event, Instant at) {
    if (event instanceof ActionApproved approved) {
      return breaker.withWrite(
          at,
          approved.action().target().name(),
          approved.incidentId().value(),
          approved.action().type().name(),
          approved.actionId().value().toString(),
          settings);
    }
    if (event instanceof ActionExecuted executed) {
      ExecutionStatus status = executed.status();
      NamespaceBreaker settled =
          breaker.withOutcome(at, executed.actionId().value().toString(), wroteOrMayHave(status));
      return status.failedRecovery() ? settled.withFailedRecovery(at, settings) : settled;
    }
    if (event instanceof Escalated escalated
        && escalated.reason() == EscalationReason.BREAKER_OPEN) {
      return breaker.trip(at, escalated.summary());
    }
    if (event instanceof BreakerReset) {
      return breaker.reset();
    }
    return breaker;
  }

  private static Optional<String> namespaceOf(IncidentEvent event) {
    if (event instanceof ActionApproved approved) {
      return Optional.of(approved.action().target().namespace());
    }
    if (event instanceof ActionExecuted executed) {
      return Optional.of(executed.action().target().namespace());
    }
    if (event instanceof Escalated escalated && escalated.target() != null) {
      return Optional.of(escalated.target().namespace());
    }
    if (event instanceof BreakerReset reset) {
      return Optional.of(reset.namespace());
    }
    return Optional.empty();
  }
}
