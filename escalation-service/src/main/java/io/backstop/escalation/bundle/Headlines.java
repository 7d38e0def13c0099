package io.backstop.escalation.bundle;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.AlertReceived;
import io.backstop.events.BreakerReset;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.DiagnosisRejected;
import io.backstop.events.Escalated;
import io.backstop.events.EscalationDelivered;
import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.events.action.ApprovedAction;

/** One line per event for the timeline table and for ticket comments. */
public final class Headlines {

  private Headlines() {}

  public static String of(IncidentEvent e) {
    if (e instanceof AlertReceived a) {
      return a.alertname() + " " + a.severity() + " " + a.status();
    } else if (e instanceof SignalsGathered s) {
      return s.evidence().size() + " evidence items on " + s.target();
    } else if (e instanceof DiagnosisProposed p) {
      return p.answeredBy() + " proposed " + action(p) + " (confidence " + p.confidence() + ")";
    } else if (e instanceof DiagnosisRejected r) {
      return "quality gate rejected: "
          + r.failures().size()
          + " failed checks, next tier "
          + r.nextTier();
    } else if (e instanceof ActionApproved a) {
      return "approved "
          + action(a.action())
          + (a.humanApproved()
              ? " by "
                  + a.approvers().stream()
                      .map(io.backstop.events.approval.Approver::principal)
                      .collect(java.util.stream.Collectors.joining(", "))
              : "");
    } else if (e instanceof ActionExecuted x) {
      return action(x.action()) + ": " + x.status();
    } else if (e instanceof Escalated esc) {
      return "escalated: " + esc.reason();
    } else if (e instanceof EscalationDelivered d) {
      return d.channel() + " " + d.operation() + " " + d.status();
    } else if (e instanceof BreakerReset b) {
      return "breaker reset for " + b.namespace() + " by " + b.operator();
    } else if (e instanceof io.backstop.events.ApprovalRequested r) {
      return "approval requested: "
          + action(r.action())
          + " ("
          + r.reason()
          + ", "
          + r.approversRequired()
          + " approver(s), until "
          + r.expiresAt()
          + ")";
    } else if (e instanceof io.backstop.events.HumanDecision d) {
      return d.principal() + " " + d.verdict() + " from " + d.origin() + ": " + d.comment();
    } else if (e instanceof io.backstop.events.RequestRefused r) {
      return "refused " + r.request() + " by " + r.principal() + ": " + r.reason();
    }
    return e.eventType();
  }

  static String action(DiagnosisProposed p) {
    var a = p.action();
    StringBuilder s = new StringBuilder(a.type());
    if (a.target() != null) {
      s.append(' ').append(a.namespace() == null ? "" : a.namespace() + "/").append(a.target());
    }
    if (a.scope() != null) {
      s.append(" scope=").append(a.scope());
    }
    if (a.revision() != null) {
      s.append(" to revision ").append(a.revision());
    }
    if (a.gitSha() != null) {
      s.append(" (").append(a.gitSha()).append(')');
    }
    if (a.replicas() != null) {
      s.append(" replicas=").append(a.replicas());
    }
    return s.toString();
  }

  public static String action(ApprovedAction a) {
    String base = a.type() + " " + a.target();
    return switch (a.type()) {
      case ROLLBACK -> base + " to revision " + a.toRevision() + " (" + a.toSha() + ")";
      case SCALE -> base + " to " + a.replicas() + " replicas";
      default -> base;
    };
  }
}
