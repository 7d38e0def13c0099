package io.backstop.escalation.bundle;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.DiagnosisRejected;
import io.backstop.events.Escalated;
import io.backstop.events.EscalationDelivered;
import io.backstop.events.IncidentEvent;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.action.VerdictOutcome;
import java.util.ArrayList;
import java.util.List;

/** The sections about decisions and their results: verdicts, actions, escalation, deliveries. */
final class OutcomeSections {

  private OutcomeSections() {}

  record SourcedVerdict(IncidentEvent source, PolicyVerdict verdict) {}

  static List<SourcedVerdict> verdictsOf(List<IncidentEvent> events) {
    List<SourcedVerdict> all = new ArrayList<>();
    for (IncidentEvent e : events) {
      List<PolicyVerdict> verdicts = List.of();
      if (e instanceof DiagnosisRejected r) {
        verdicts = r.failures();
      } else if (e instanceof ActionApproved a) {
        verdicts = a.verdicts();
      } else if (e instanceof Escalated esc) {
        verdicts = esc.verdicts();
      }
      verdicts.forEach(v -> all.add(new SourcedVerdict(e, v)));
    }
    return all;
  }

  static void verdicts(StringBuilder md, List<IncidentEvent> events) {
    List<SourcedVerdict> all = verdictsOf(events);
    md.append("## Guardrail verdicts\n\n");
    if (all.isEmpty()) {
      md.append("No verdicts on the record.\n\n");
    } else {
      md.append("| on | gate | policy | outcome | reason |\n|---|---|---|---|---|\n");
      for (SourcedVerdict sv : all) {
        PolicyVerdict v = sv.verdict();
        md.append("| ")
            .append(sv.source().eventType())
            .append(" | ")
            .append(Md.cell(v.gate()))
            .append(" | ")
            .append(Md.cell(v.policyId()))
            .append(" | ")
            .append(v.outcome())
            .append(" | ")
            .append(Md.cell(v.reason()))
            .append(" |\n");
      }
      md.append('\n');
    }
    md.append("## Blocked actions\n\n");
    List<PolicyVerdict> blocked =
        all.stream()
            .map(SourcedVerdict::verdict)
            .filter(v -> v.outcome() != VerdictOutcome.ALLOW)
            .distinct()
            .toList();
    if (blocked.isEmpty()) {
      md.append("Nothing was blocked.\n\n");
      return;
    }
    for (PolicyVerdict v : blocked) {
      md.append("- ")
          .append(v.outcome())
          .append(" by ")
          .append(Md.code(v.policyId()))
          .append(" (")
          .append(Md.cell(v.gate()))
          .append(" gate): ")
          .append(Md.cell(v.reason()))
          .append('\n');
    }
    md.append('\n');
  }

  static void actions(
      StringBuilder md, List<ActionApproved> approved, List<ActionExecuted> executed) {
    md.append("## Action and verification\n\n");
    if (approved.isEmpty() && executed.isEmpty()) {
      md.append("No action was approved; nothing was written to the cluster.\n\n");
      return;
    }
    for (ActionApproved a : approved) {
      md.append("- approved ")
          .append(Md.code(Headlines.action(a.action())))
          .append(" (action ")
          .append(a.actionId())
          .append("), expecting revision ")
          .append(a.preconditions().currentRevision())
          .append('\n');
    }
    for (ActionExecuted x : executed) {
      md.append("- executed: **")
          .append(x.status())
          .append("**, revision ")
          .append(x.revisionBefore())
          .append(" → ")
          .append(x.revisionAfter());
      if (!x.reason().isBlank()) {
        md.append(", ").append(Md.cell(x.reason()));
      }
      md.append('\n');
      if (x.verification() != null) {
        var v = x.verification();
        md.append("  - verification ")
            .append(Md.time(v.startedAt()))
            .append(" to ")
            .append(Md.time(v.finishedAt()))
            .append(": rollout complete ")
            .append(v.rolloutComplete())
            .append(", ready replicas ")
            .append(v.readyReplicas())
            .append(", error ratio ")
            .append(v.errorRatio())
            .append('\n');
        v.observations().forEach(o -> md.append("  - ").append(Md.code(o)).append('\n'));
      }
    }
    md.append('\n');
  }

  static void escalations(StringBuilder md, List<Escalated> escalations) {
    md.append("## Escalation\n\n");
    if (escalations.isEmpty()) {
      md.append("Not escalated.\n\n");
      return;
    }
    for (Escalated e : escalations) {
      md.append("- reason: **")
          .append(e.reason())
          .append("**, severity ")
          .append(e.severity())
          .append(e.target() == null ? "" : ", target " + Md.code(e.target()))
          .append('\n');
      md.append("- summary: ").append(Md.cell(e.summary())).append('\n');
      md.append("- suggested human action: **").append(Md.cell(e.suggestedAction())).append("**\n");
    }
    md.append('\n');
  }

  static void deliveries(StringBuilder md, List<EscalationDelivered> deliveries) {
    if (deliveries.isEmpty()) {
      return;
    }
    md.append("## Notifications\n\n| channel | operation | ref | status | attempts |\n");
    md.append("|---|---|---|---|---|\n");
    for (EscalationDelivered d : deliveries) {
      md.append("| ")
          .append(d.channel())
          .append(" | ")
          .append(Md.cell(d.operation()))
          .append(" | ")
          .append(Md.cell(d.externalRef()))
          .append(" | ")
          .append(d.status())
          .append(" | ")
          .append(d.attempts())
          .append(" |\n");
    }
    md.append('\n');
  }

  static void integrity(StringBuilder md, ChainCheck chain) {
    md.append("## Integrity\n\n");
    if (chain.verified()) {
      md.append("Hash chain verified over ").append(chain.events()).append(" events.\n");
      return;
    }
    md.append("Hash chain NOT verified over ").append(chain.events()).append(" events:\n");
    chain.problems().forEach(p -> md.append("- ").append(Md.cell(p)).append('\n'));
  }
}
