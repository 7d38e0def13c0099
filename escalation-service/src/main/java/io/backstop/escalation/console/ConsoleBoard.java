package io.backstop.escalation.console;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.AlertReceived;
import io.backstop.events.ApprovalRequested;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.Escalated;
import io.backstop.events.HumanDecision;
import io.backstop.events.IncidentEvent;
import io.backstop.events.RequestRefused;
import io.backstop.events.Stage;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.audit.Timeline;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.events.id.ActionId;
import io.backstop.events.id.EventId;
import io.backstop.events.id.IncidentId;
import io.backstop.events.signal.WorkloadRef;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the console shows, as a fold over the audit log: the events of the most recently active
 * incidents in log order, and their approvals with the decisions, refusals and outcome that
 * followed. It only reads: the guardrail alone decides whether a decision counts, and the board
 * shows what it decided. A version number moves with every event, so pages can ask "anything new
 * since N?".
 *
 * <p>It keeps at most {@code maxIncidents} incidents (the audit log keeps every one forever, and
 * the console reads it from the beginning, so an unbounded board grew with the service's whole
 * history, and so did the overview page that lists it). Past the bound, the least recently active
 * incident without an open approval leaves the board with its approvals; a pending approval is
 * never dropped. The console reads a dropped incident back from the audit log when it is asked for
 * ({@link #of}); an event that arrives later for it starts a partial entry of its own.
 */
public final class ConsoleBoard {

  /** Incidents kept on the board unless configured otherwise. */
  public static final int DEFAULT_MAX_INCIDENTS = 1_000;

  /** Most recently active last: an incident moves to the end with each of its events. */
  private final Map<IncidentId, List<IncidentEvent>> incidents = new LinkedHashMap<>();

  private final Map<ActionId, Approval> approvals = new LinkedHashMap<>();
  private final Map<EventId, ActionId> causes = new HashMap<>();
  private final int maxIncidents;
  private long version;
  private long dropped;
  private boolean caughtUp;

  public ConsoleBoard() {
    this(DEFAULT_MAX_INCIDENTS);
  }

  public ConsoleBoard(int maxIncidents) {
    if (maxIncidents < 1) {
      throw new IllegalArgumentException(
          "maxIncidents must be at least 1, but was " + maxIncidents);
    }
    this.maxIncidents = maxIncidents;
  }

  /** A board of the given events alone: an incident no longer kept, read back from the audit. */
  public static ConsoleBoard of(List<IncidentEvent> events) {
    ConsoleBoard board = new ConsoleBoard(Integer.MAX_VALUE);
    events.forEach(board::apply);
    return board;
  }

  /** Applies one event read from the audit log; a redelivered step replaces its earlier copy. */
  public synchronized void apply(IncidentEvent event) {
    List<IncidentEvent> events = incidents.remove(event.incidentId());
    if (events == null) {
      events = new ArrayList<>();
    }
    events.removeIf(e -> e.eventId().equals(event.eventId()));
    events.add(event);
    incidents.put(event.incidentId(), events);
    fold(event);
    if (incidents.size() > maxIncidents) {
      dropLeastRecentlyActive();
    }
    version++;
    notifyAll();
  }

  /** Incidents that left the board for its bound (they are still on the audit log). */
  public synchronized long dropped() {
    return dropped;
  }

  private void dropLeastRecentlyActive() {
    for (IncidentId candidate : incidents.keySet()) {
      boolean waiting =
          approvals.values().stream()
              .anyMatch(a -> a.request.incidentId().equals(candidate) && a.status.open());
      if (!waiting) {
        incidents.remove(candidate);
        List<ActionId> gone = new ArrayList<>();
        approvals
            .values()
            .removeIf(
                a -> {
                  boolean of = a.request.incidentId().equals(candidate);
                  if (of) {
                    gone.add(a.request.actionId());
                  }
                  return of;
                });
        causes.values().removeIf(gone::contains);
        dropped++;
        return;
      }
    }
  }

  /** The log has been read up to where it ended when the console started. */
  public synchronized void caughtUp() {
    caughtUp = true;
    version++;
    notifyAll();
  }

  public synchronized boolean isCaughtUp() {
    return caughtUp;
  }

  public synchronized long version() {
    return version;
  }

  /** Waits until the version moves past {@code seen}, at most {@code max}; returns the version. */
  public synchronized long awaitChange(long seen, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (version <= seen) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return version;
  }

  /** Incidents (not breaker resets or console records), the most recently active first. */
  public synchronized List<IncidentView> incidents() {
    return incidents.entrySet().stream()
        .filter(e -> isIncident(e.getValue()))
        .map(e -> view(e.getKey(), e.getValue()))
        .sorted(Comparator.comparing(IncidentView::lastEventAt).reversed())
        .toList();
  }

  public synchronized Optional<IncidentView> incident(IncidentId id) {
    return Optional.ofNullable(incidents.get(id)).map(events -> view(id, events));
  }

  /** One incident's events in causal order, ready for its hash-chain check. */
  public synchronized Optional<Timeline> timeline(IncidentId id) {
    return Optional.ofNullable(incidents.get(id)).map(events -> Timeline.of(id, events));
  }

  /** Every approval: pending first (soonest to lapse first), then the rest, latest first. */
  public synchronized List<ApprovalView> approvals() {
    return approvals.values().stream()
        .map(Approval::view)
        .sorted(
            Comparator.comparing((ApprovalView a) -> !a.status().open())
                .thenComparing(
                    a -> a.status().open() ? a.request().expiresAt() : Instant.MAX,
                    Comparator.naturalOrder())
                .thenComparing(a -> a.request().header().occurredAt(), Comparator.reverseOrder()))
        .toList();
  }

  public synchronized List<ApprovalView> pending() {
    return approvals().stream().filter(a -> a.status().open()).toList();
  }

  public synchronized Optional<ApprovalView> approval(ActionId id) {
    return Optional.ofNullable(approvals.get(id)).map(Approval::view);
  }

  /** The approvals of one incident, in the order they were requested. */
  public synchronized List<ApprovalView> approvalsOf(IncidentId incident) {
    return approvals.values().stream()
        .filter(a -> a.request.incidentId().equals(incident))
        .map(Approval::view)
        .toList();
  }

  private void fold(IncidentEvent event) {
    if (event instanceof ApprovalRequested request) {
      approvals.computeIfAbsent(request.actionId(), id -> new Approval(request));
      causes.put(request.eventId(), request.actionId());
    } else if (event instanceof HumanDecision decision) {
      Approval approval = approvals.get(decision.actionId());
      if (approval != null && approval.request.incidentId().equals(decision.incidentId())) {
        approval.decisions.removeIf(d -> d.eventId().equals(decision.eventId()));
        approval.decisions.add(decision);
        causes.put(decision.eventId(), decision.actionId());
      }
    } else if (event instanceof RequestRefused refused) {
      ActionId about = causes.getOrDefault(refused.header().causationId(), refused.actionId());
      Optional.ofNullable(about)
          .map(approvals::get)
          .ifPresent(
              a -> {
                a.refusals.removeIf(r -> r.eventId().equals(refused.eventId()));
                a.refusals.add(refused);
              });
    } else if (event instanceof ActionApproved approved && approved.humanApproved()) {
      Optional.ofNullable(approvals.get(approved.actionId()))
          .ifPresent(a -> a.close(approved, ApprovalStatus.APPROVED));
    } else if (event instanceof Escalated escalated
        && escalated.header().stage() == Stage.GUARDRAIL) {
      Optional.ofNullable(causes.get(escalated.header().causationId()))
          .map(approvals::get)
          .ifPresent(a -> a.close(escalated, closing(escalated.reason())));
    } else if (event instanceof ActionExecuted executed) {
      Optional.ofNullable(approvals.get(executed.actionId())).ifPresent(a -> a.outcome = executed);
    }
  }

  private static ApprovalStatus closing(EscalationReason reason) {
    return switch (reason) {
      case APPROVAL_DENIED -> ApprovalStatus.DENIED;
      case APPROVAL_EXPIRED -> ApprovalStatus.EXPIRED;
      default -> ApprovalStatus.BLOCKED;
    };
  }

  private static boolean isIncident(List<IncidentEvent> events) {
    return events.stream()
        .anyMatch(
            e ->
                e instanceof AlertReceived
                    || e instanceof DiagnosisProposed
                    || e instanceof ApprovalRequested);
  }

  private IncidentView view(IncidentId id, List<IncidentEvent> events) {
    IncidentStatus status = IncidentStatus.OPEN;
    String outcome = "in progress";
    String alert = "";
    WorkloadRef target = null;
    BigDecimal cost = io.backstop.escalation.bundle.BundleRenderer.totalCost(events);
    Instant first = Instant.MAX;
    Instant last = Instant.MIN;
    for (IncidentEvent e : events) {
      Instant at = e.header().occurredAt();
      first = at.isBefore(first) ? at : first;
      last = at.isAfter(last) ? at : last;
      if (e instanceof AlertReceived a) {
        alert = a.alertname();
      } else if (e instanceof ApprovalRequested r) {
        status = IncidentStatus.AWAITING_APPROVAL;
        target = r.action().target();
        outcome = "approval requested: " + r.plan().summary();
      } else if (e instanceof ActionApproved a) {
        status = IncidentStatus.ACTING;
        target = a.action().target();
        outcome =
            a.humanApproved()
                ? "approved by "
                    + String.join(
                        ", ",
                        a.approvers().stream()
                            .map(io.backstop.events.approval.Approver::principal)
                            .toList())
                : "approved by the guardrail";
      } else if (e instanceof ActionExecuted x) {
        target = x.action().target();
        if (x.status() == ExecutionStatus.VERIFIED) {
          status = IncidentStatus.RESOLVED;
        } else if (x.status().needsHuman()) {
          status = IncidentStatus.ESCALATED;
        }
        if (x.status() != ExecutionStatus.ALREADY_APPLIED) {
          outcome = x.status() + ": " + io.backstop.escalation.bundle.Headlines.action(x.action());
        }
      } else if (e instanceof Escalated esc) {
        status = IncidentStatus.ESCALATED;
        target = esc.target() == null ? target : esc.target();
        outcome = esc.reason().name();
      }
    }
    if (status == IncidentStatus.RESOLVED) {
      // resolved only when no person was asked about another write and did not say yes
      ActionId verified = lastVerified(events);
      var unsettled = io.backstop.escalation.bundle.ApprovalEnds.unsettled(events, verified);
      if (!unsettled.isEmpty()) {
        boolean waiting =
            unsettled.stream()
                .anyMatch(
                    u -> u.outcome() == io.backstop.escalation.bundle.ApprovalEnds.Outcome.PENDING);
        status = waiting ? IncidentStatus.AWAITING_APPROVAL : IncidentStatus.ESCALATED;
        outcome += "; not resolved: approval " + unsettled.get(0).outcome();
      }
    }
    return new IncidentView(id, alert, target, status, outcome, first, last, cost, events.size());
  }

  private static ActionId lastVerified(List<IncidentEvent> events) {
    ActionId verified = null;
    for (IncidentEvent e : events) {
      if (e instanceof ActionExecuted x && x.status() == ExecutionStatus.VERIFIED) {
        verified = x.actionId();
      }
    }
    return verified;
  }

  /** One approval's mutable state, owned by the board. */
  private static final class Approval {
    private final ApprovalRequested request;
    private final List<HumanDecision> decisions = new ArrayList<>();
    private final List<RequestRefused> refusals = new ArrayList<>();
    private IncidentEvent closedBy;
    private ApprovalStatus status = ApprovalStatus.PENDING;
    private ActionExecuted outcome;

    Approval(ApprovalRequested request) {
      this.request = request;
    }

    void close(IncidentEvent event, ApprovalStatus to) {
      if (closedBy == null) {
        closedBy = event;
        status = to;
      }
    }

    ApprovalView view() {
      return new ApprovalView(
          request,
          status,
          decisions,
          refusals,
          Optional.ofNullable(closedBy),
          Optional.ofNullable(outcome));
    }
  }
}
