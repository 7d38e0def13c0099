package io.backstop.escalation.bundle;

import io.backstop.events.ActionExecuted;
import io.backstop.events.AlertReceived;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.Escalated;
import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.events.diagnosis.ModelCall;
import io.backstop.events.signal.Evidence;
import java.util.List;

/** The sections about what happened before any decision: timeline, alert, evidence, models. */
final class Sections {

  private Sections() {}

  static String status(List<IncidentEvent> events) {
    IncidentEvent last = null;
    for (IncidentEvent e : events) {
      if (e instanceof Escalated
          || e instanceof ActionExecuted
          || e instanceof io.backstop.events.ApprovalRequested) {
        last = e;
      }
    }
    if (last instanceof io.backstop.events.ApprovalRequested r) {
      return "AWAITING APPROVAL of " + Headlines.action(r.action()) + " until " + r.expiresAt();
    }
    if (last instanceof ActionExecuted executed) {
      return "action "
          + executed.status()
          + (executed.status().needsHuman() ? " (needs a human)" : "");
    }
    return last == null ? "in progress" : "ESCALATED to a human";
  }

  static String chainLine(ChainCheck chain) {
    return chain.verified()
        ? "verified (" + chain.events() + " events)"
        : "NOT VERIFIED (see Integrity)";
  }

  static void timeline(StringBuilder md, List<IncidentEvent> events) {
    md.append("## Timeline\n\n| time | stage | event | what |\n|---|---|---|---|\n");
    for (IncidentEvent e : events) {
      md.append("| ")
          .append(Md.time(e.header().occurredAt()))
          .append(" | ")
          .append(e.header().stage())
          .append(" | ")
          .append(e.eventType())
          .append(" | ")
          .append(Md.cell(Headlines.of(e)))
          .append(" |\n");
    }
    md.append('\n');
  }

  static void alert(StringBuilder md, List<AlertReceived> alerts) {
    md.append("## Alert\n\n");
    if (alerts.isEmpty()) {
      md.append("No alert on the record.\n\n");
      return;
    }
    AlertReceived a = alerts.get(0);
    md.append("- ").append(Md.cell(a.alertname())).append(", ").append(a.severity());
    md.append(", ")
        .append(a.status())
        .append(", since ")
        .append(Md.time(a.startsAt()))
        .append('\n');
    md.append("- source: ").append(Md.cell(a.source()));
    md.append(", fingerprint ").append(Md.code(a.fingerprint())).append('\n');
    a.annotations().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(
            en ->
                md.append("- ")
                    .append(Md.cell(en.getKey()))
                    .append(": ")
                    .append(Md.code(en.getValue()))
                    .append('\n'));
    if (alerts.size() > 1) {
      md.append("- ").append(alerts.size() - 1).append(" more deliveries of the alert\n");
    }
    md.append('\n');
  }

  static void evidence(StringBuilder md, List<SignalsGathered> gathered) {
    md.append("## Evidence (redacted by triage)\n\n");
    if (gathered.isEmpty()) {
      md.append("No signals on the record.\n\n");
      return;
    }
    SignalsGathered s = gathered.get(gathered.size() - 1);
    md.append("Target ")
        .append(Md.code(s.target()))
        .append(", anomaly onset ")
        .append(Md.time(s.anomalyOnset()))
        .append(", ")
        .append(s.redactionCount())
        .append(" secrets redacted.\n\n");
    for (Evidence e : s.evidence()) {
      md.append("- **")
          .append(e.id())
          .append("** ")
          .append(e.kind())
          .append(" from ")
          .append(Md.cell(e.source()))
          .append(" on ")
          .append(Md.code(e.subject()))
          .append(": ")
          .append(Md.code(e.text()));
      if (e.suspectedInjection()) {
        md.append(" — suspected prompt injection, treated as data");
      } else if (e.untrusted()) {
        md.append(" (untrusted text)");
      }
      md.append('\n');
    }
    if (!s.missingSources().isEmpty()) {
      md.append("\nCould not read: ")
          .append(Md.cell(String.join(", ", s.missingSources())))
          .append('\n');
    }
    md.append('\n');
  }

  static void modelCalls(StringBuilder md, List<ModelCall> calls) {
    md.append("## Model calls\n\n");
    if (calls.isEmpty()) {
      md.append("No model calls on the record.\n\n");
      return;
    }
    md.append(
        "| started | target | model | tier | outcome | latency ms | tokens in/out | cost |\n");
    md.append("|---|---|---|---|---|---|---|---|\n");
    for (ModelCall c : calls) {
      md.append("| ")
          .append(Md.time(c.startedAt()))
          .append(" | ")
          .append(Md.cell(c.target()))
          .append(" | ")
          .append(Md.cell(c.model()))
          .append(" | ")
          .append(c.tier())
          .append(" | ")
          .append(c.outcome())
          .append(" | ")
          .append(c.latencyMillis())
          .append(" | ")
          .append(c.inputTokens())
          .append('/')
          .append(c.outputTokens())
          .append(" | ")
          .append(Md.usd(c.costUsd()))
          .append(" |\n");
    }
    md.append('\n');
  }

  static void diagnoses(StringBuilder md, List<DiagnosisProposed> proposals) {
    md.append("## Diagnoses\n\n");
    if (proposals.isEmpty()) {
      md.append("No diagnosis on the record.\n\n");
      return;
    }
    int n = 1;
    for (DiagnosisProposed p : proposals) {
      md.append("### ")
          .append(n++)
          .append(". ")
          .append(Md.cell(p.answeredBy()))
          .append(" (")
          .append(p.tier())
          .append("), confidence ")
          .append(p.confidence())
          .append("\n\n");
      md.append("- hypothesis: ").append(Md.code(p.hypothesis())).append('\n');
      md.append("- suspected resource: ")
          .append(Md.code(p.suspectedResource()))
          .append(", deploy SHA ")
          .append(Md.code(p.suspectedDeploySha()))
          .append('\n');
      md.append("- cited evidence: ")
          .append(Md.cell(String.join(", ", p.citedEvidence())))
          .append('\n');
      md.append("- recommended action (verbatim): ")
          .append(Md.code(Headlines.action(p)))
          .append(p.action().supported() ? "" : " — outside the action vocabulary")
          .append("\n\n");
    }
  }
}
