package io.backstop.escalation.bundle;

import io.backstop.events.ActionApproved;
import io.backstop.events.ApprovalRequested;
import io.backstop.events.Escalated;
import io.backstop.events.HumanDecision;
import io.backstop.events.IncidentEvent;
import io.backstop.events.RequestRefused;
import io.backstop.events.action.PatchOperation;
import java.util.List;

/**
 * The approvals of an incident: what a person was asked to approve (the exact write, its JSON
 * Patch, why, by when, how many people), where to decide it, who decided what, and how it ended.
 */
final class ApprovalSections {

  private ApprovalSections() {}

  static void approvals(StringBuilder md, List<IncidentEvent> events, String console) {
    List<ApprovalRequested> requests =
        events.stream()
            .filter(ApprovalRequested.class::isInstance)
            .map(ApprovalRequested.class::cast)
            .toList();
    if (requests.isEmpty()) {
      return;
    }
    md.append("## Approvals\n\n");
    for (ApprovalRequested r : requests) {
      md.append("### ").append(Md.cell(Headlines.action(r.action()))).append("\n\n");
      if (!console.isBlank()) {
        md.append("- **approve or deny:** ")
            .append(console.replaceAll("/+$", ""))
            .append("/approvals/")
            .append(r.actionId())
            .append('\n');
      }
      md.append("- status: ").append(status(r, events)).append('\n');
      md.append("- why a person: ").append(Md.cell(r.summary())).append('\n');
      md.append("- lapses at ").append(Md.time(r.expiresAt()));
      md.append("; needs ").append(r.approversRequired()).append(" distinct approver(s)\n");
      md.append("- preconditions: revision ")
          .append(r.preconditions().currentRevision())
          .append(", image ")
          .append(Md.code(r.preconditions().currentImage()))
          .append('\n');
      md.append("\n| op | path | value |\n|---|---|---|\n");
      for (PatchOperation op : r.plan().deploymentPatch()) {
        md.append("| ")
            .append(op.op())
            .append(" | ")
            .append(Md.code(op.path()))
            .append(" | ")
            .append(Md.code(op.value() == null ? "" : op.value().toString()))
            .append(" |\n");
      }
      md.append('\n');
      r.plan()
          .atWrite()
          .forEach(n -> md.append("- at the write: ").append(Md.cell(n)).append('\n'));
      for (IncidentEvent e : events) {
        if (e instanceof HumanDecision d && d.actionId().equals(r.actionId())) {
          md.append("- ")
              .append(Md.time(d.decidedAt()))
              .append(' ')
              .append(Md.cell(d.principal()))
              .append(' ')
              .append(d.verdict())
              .append(" from ")
              .append(Md.cell(d.origin()))
              .append(": ")
              .append(Md.cell(d.comment()))
              .append('\n');
        } else if (e instanceof RequestRefused x && r.actionId().equals(x.actionId())) {
          md.append("- refused: ")
              .append(Md.cell(x.principal()))
              .append(' ')
              .append(Md.cell(x.request()))
              .append(" (")
              .append(x.reason())
              .append(": ")
              .append(Md.cell(x.detail()))
              .append(")\n");
        }
      }
      md.append('\n');
    }
  }

  private static String status(ApprovalRequested r, List<IncidentEvent> events) {
    for (IncidentEvent e : events) {
      if (e instanceof ActionApproved a && a.actionId().equals(r.actionId())) {
        return "APPROVED by "
            + String.join(
                ", ",
                a.approvers().stream()
                    .map(io.backstop.events.approval.Approver::principal)
                    .toList());
      }
    }
    for (IncidentEvent e : events) {
      if (e instanceof Escalated esc
          && (esc.header().causationId().equals(r.eventId())
              || events.stream()
                  .anyMatch(
                      d ->
                          d instanceof HumanDecision h
                              && h.actionId().equals(r.actionId())
                              && h.eventId().equals(esc.header().causationId())))) {
        return esc.reason().name();
      }
    }
    return "PENDING";
  }
}
