package io.backstop.safety.breaker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

  /**
   * One automated write to a Deployment of the namespace, by name, at its time: the incident,
   * action type and action id it was approved for, and when its outcome was seen ({@code
   * settledAt}, null while none has been) and whether that outcome wrote to the cluster.
   */
  public record DeploymentWrite(
      String deployment,
      Instant at,
      String incident,
      String action,
      String actionId,
      Instant settledAt,
      boolean wrote) {

    public DeploymentWrite {
      incident = incident == null ? "" : incident;
      action = action == null ? "" : action;
      actionId = actionId == null ? "" : actionId;
    }

    /**
     * Whether this write has not settled at {@code now}: no outcome seen yet (fail closed: an
     * outcome that never arrives keeps it unsettled for the loop window), or an outcome that wrote
     * less than {@code cooldown} ago. An outcome that wrote nothing (refused, dry run) settles it
     * at once; ALREADY_APPLIED and FAILED count as written (an earlier delivery wrote, or a part
     * was).
     */
    public boolean settling(Instant now, Duration cooldown) {
      return settledAt == null || (wrote && now.isBefore(settledAt.plus(cooldown)));
    }

    /** What a person reads: the incident, the action, when it was approved and where it stands. */
    public String describe() {
      String state =
          settledAt == null
              ? "its outcome not seen yet"
              : (wrote ? "written, outcome seen at " : "nothing written, outcome seen at ")
                  + settledAt;
      return (action.isEmpty() ? "a write" : "a " + action)
          + " for incident "
          + (incident.isEmpty() ? "(unknown)" : incident)
          + " approved at "
          + at
          + ", "
          + state;
    }

    DeploymentWrite settled(Instant when, boolean didWrite) {
      return new DeploymentWrite(deployment, at, incident, action, actionId, when, didWrite);
    }
  }

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
    long count = 0;
    for (DeploymentWrite w : deploymentWrites) {
      if (w.deployment().equals(deployment) && !w.at().isBefore(from) && !w.at().isAfter(now)) {
        count++;
      }
    }
    return count;
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

  /**
   * The latest automated write to {@code deployment} in the loop window before {@code now} by an
   * incident other than {@code incident} that has not settled (see {@link
   * DeploymentWrite#settling}).
   */
  public Optional<DeploymentWrite> settlingWriteTo(
      String deployment, String incident, Instant now, BreakerSettings settings) {
    Instant from = now.minus(settings.loopWindow());
    DeploymentWrite latest = null;
    for (DeploymentWrite w : deploymentWrites) {
      if (w.deployment().equals(deployment)
          && !w.incident().equals(incident)
          && !w.at().isBefore(from)
          && !w.at().isAfter(now)
          && w.settling(now, settings.cooldown())
          && (latest == null || w.at().isAfter(latest.at()))) {
        latest = w;
      }
    }
    return Optional.ofNullable(latest);
  }

  NamespaceBreaker withWrite(
      Instant at,
      String deployment,
      String incident,
      String action,
      String actionId,
      BreakerSettings settings) {
    Instant from = at.minus(settings.loopWindow());
    List<DeploymentWrite> kept = new ArrayList<>();
    deploymentWrites.stream().filter(w -> !w.at().isBefore(from)).forEach(kept::add);
    kept.add(new DeploymentWrite(deployment, at, incident, action, actionId, null, false));
    return new NamespaceBreaker(
        namespace,
        state,
        prune(writes, at, at, settings),
        failedRecoveries,
        openedAt,
        openReason,
        kept);
  }

  /**
   * The outcome of the write approved as {@code actionId} was seen at {@code at}: that write is
   * settled ({@code wrote}: whether the executor wrote to the cluster for it, or may have). Matched
   * by action id only, never by incident and Deployment: a repeated outcome of an incident's
   * earlier write (ALREADY_APPLIED on a redelivery) must not settle the same incident's later write
   * that is still in flight. An outcome for no unsettled write (already settled, or its approval
   * outside the record) changes nothing.
   */
  NamespaceBreaker withOutcome(Instant at, String actionId, boolean wrote) {
    for (int i = 0; i < deploymentWrites.size(); i++) {
      DeploymentWrite w = deploymentWrites.get(i);
      if (w.settledAt() == null && !w.actionId().isEmpty() && w.actionId().equals(actionId)) {
        List<DeploymentWrite> next = new ArrayList<>(deploymentWrites);
        next.set(i, w.settled(at, wrote));
        return new NamespaceBreaker(
            namespace, state, writes, failedRecoveries, openedAt, openReason, next);
      }
    }
    return this;
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
    long count = 0;
    for (Instant t : times) {
      if (!t.isBefore(from) && !t.isAfter(now)) {
        count++;
      }
    }
    return count;
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
