package io.backstop.safety.breaker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One namespace's breaker, as an immutable value: its state, the writes and failed recoveries in
 * the sliding window (by event time, so replay gives the same answer), why it opened, and the
 * recent writes to each Deployment (the remediation-loop record, kept for the loop window; an
 * operator's audited reset clears it with the rest, as the human has now looked at the namespace).
 * Safety rationale: a write is allowed only while CLOSED and under the window's write limit.
 */
public record NamespaceBreaker(
    String namespace,
    BreakerState state,
    List<Instant> writes,
    List<Instant> failedRecoveries,
    Instant openedAt,
    String openReason,
    List<DeploymentWrite> deploymentWrites) {

  /** One automated write to a Deployment of the namespace, by name, at its time. */
  public record DeploymentWrite(String deployment, Instant at) {}

  public NamespaceBreaker {
    writes = List.copyOf(writes);
    failedRecoveries = List.copyOf(failedRecoveries);
    openReason = openReason == null ? "" : openReason;
    deploymentWrites = deploymentWrites == null ? List.of() : List.copyOf(deploymentWrites);
  }

  public static NamespaceBreaker closed(String namespace) {
    return new NamespaceBreaker(
        namespace, BreakerState.CLOSED, List.of(), List.of(), null, "", List.of());
  }

  /** Automated writes to this Deployment in the loop window before {@code now}. */
  public long writesTo(String deployment, Instant now, BreakerSettings settings) {
    Instant from = now.minus(settings.loopWindow());
    return deploymentWrites.stream()
        .filter(w -> w.deployment().equals(deployment))
        .filter(w -> !w.at().isBefore(from) && !w.at().isAfter(now))
        .count();
  }

  public long writesInWindow(Instant now, BreakerSettings settings) {
    return inWindow(writes, now, settings);
  }

  public long failedRecoveriesInWindow(Instant now, BreakerSettings settings) {
    return inWindow(failedRecoveries, now, settings);
  }

  /** Whether one more automated write may go ahead now. */
  public boolean allowsWrite(Instant now, BreakerSettings settings) {
    return state == BreakerState.CLOSED && writesInWindow(now, settings) < settings.maxWrites();
  }

  NamespaceBreaker withWrite(Instant at, String deployment, BreakerSettings settings) {
    Instant from = at.minus(settings.loopWindow());
    List<DeploymentWrite> kept = new ArrayList<>();
    deploymentWrites.stream().filter(w -> !w.at().isBefore(from)).forEach(kept::add);
    kept.add(new DeploymentWrite(deployment, at));
    return new NamespaceBreaker(
        namespace,
        state,
        prune(writes, at, at, settings),
        failedRecoveries,
        openedAt,
        openReason,
        kept);
  }

  NamespaceBreaker withFailedRecovery(Instant at, BreakerSettings settings) {
    NamespaceBreaker next =
        new NamespaceBreaker(
            namespace,
            state,
            writes,
            prune(failedRecoveries, at, at, settings),
            openedAt,
            openReason,
            deploymentWrites);
    if (state == BreakerState.CLOSED
        && next.failedRecoveriesInWindow(at, settings) >= settings.maxFailedRecoveries()) {
      return next.trip(
          at,
          next.failedRecoveriesInWindow(at, settings)
              + " failed recoveries in "
              + settings.window());
    }
    return next;
  }

  NamespaceBreaker trip(Instant at, String reason) {
    if (!state.allows(BreakerState.Transition.TRIP)) {
      return this;
    }
    return new NamespaceBreaker(
        namespace,
        state.next(BreakerState.Transition.TRIP),
        writes,
        failedRecoveries,
        at,
        reason,
        deploymentWrites);
  }

  /**
   * A person's reset: an open breaker closes, and in any state the counts start again (the writes,
   * failed recoveries and the loop record), so an operator who has fixed a loop's cause by hand can
   * let Backstop act on that Deployment again before the loop window has passed.
   */
  NamespaceBreaker reset() {
    return new NamespaceBreaker(
        namespace,
        state.allows(BreakerState.Transition.RESET)
            ? state.next(BreakerState.Transition.RESET)
            : state,
        List.of(),
        List.of(),
        null,
        "",
        List.of());
  }

  private static long inWindow(List<Instant> times, Instant now, BreakerSettings settings) {
    Instant from = now.minus(settings.window());
    return times.stream().filter(t -> !t.isBefore(from) && !t.isAfter(now)).count();
  }

  private static List<Instant> prune(
      List<Instant> times, Instant added, Instant now, BreakerSettings settings) {
    Instant from = now.minus(settings.window());
    List<Instant> kept = new ArrayList<>();
    times.stream().filter(t -> !t.isBefore(from)).forEach(kept::add);
    kept.add(added);
    return kept;
  }
}
