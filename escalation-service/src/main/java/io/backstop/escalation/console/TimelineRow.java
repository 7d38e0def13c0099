package io.backstop.escalation.console;

import io.backstop.escalation.bundle.Headlines;
import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.ApprovalRequested;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.DiagnosisRejected;
import io.backstop.events.Escalated;
import io.backstop.events.IncidentEvent;
import io.backstop.events.RequestRefused;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.diagnosis.ModelCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One event of an incident's timeline as the console lists it: when, which stage, what, the line
 * that says it, the details a person checks (every verdict with its reason, every model call with
 * outcome, latency, tokens and cost, what the executor observed), and the start of its hash. {@code
 * tone} says how it reads at a glance: {@code ok}, {@code warn}, {@code bad} or plain.
 */
public record TimelineRow(
    Instant at,
    String stage,
    String type,
    String headline,
    List<String> details,
    String hash,
    String tone) {

  public static TimelineRow of(IncidentEvent e) {
    List<String> details = new ArrayList<>();
    String tone = "";
    if (e instanceof DiagnosisProposed p) {
      details.add("hypothesis: " + p.hypothesis());
      p.calls().forEach(c -> details.add(call(c)));
    } else if (e instanceof DiagnosisRejected r) {
      r.failures().forEach(v -> details.add(verdict(v)));
      tone = "warn";
    } else if (e instanceof ActionApproved a) {
      a.verdicts().forEach(v -> details.add(verdict(v)));
      a.approvers()
          .forEach(
              p ->
                  details.add(
                      "approver " + p.principal() + " (" + p.origin() + "): " + p.comment()));
      tone = "ok";
    } else if (e instanceof ApprovalRequested r) {
      details.add(r.summary());
      r.verdicts().forEach(v -> details.add(verdict(v)));
      tone = "warn";
    } else if (e instanceof ActionExecuted x) {
      if (!x.reason().isBlank()) {
        details.add(x.reason());
      }
      if (x.verification() != null) {
        details.addAll(x.verification().observations());
      }
      tone = x.status().needsHuman() ? "bad" : "ok";
    } else if (e instanceof Escalated esc) {
      details.add(esc.summary());
      details.add("suggested: " + esc.suggestedAction());
      esc.verdicts().forEach(v -> details.add(verdict(v)));
      tone = "bad";
    } else if (e instanceof RequestRefused r) {
      details.add(r.origin() + ": " + r.detail());
      tone = "warn";
    }
    String hash = e.header().hash() == null ? "" : e.header().hash();
    return new TimelineRow(
        e.header().occurredAt(),
        e.header().stage().name().toLowerCase(java.util.Locale.ROOT),
        e.eventType(),
        Headlines.of(e),
        List.copyOf(details),
        hash.length() > 12 ? hash.substring(0, 12) : hash,
        tone);
  }

  static String verdict(PolicyVerdict v) {
    return v.outcome()
        + " "
        + v.gate()
        + "/"
        + v.policyId()
        + (v.reason() == null || v.reason().isBlank() ? "" : ": " + v.reason());
  }

  private static String call(ModelCall c) {
    return "model "
        + c.target()
        + " ("
        + c.tier()
        + "): "
        + c.outcome()
        + ", "
        + c.latencyMillis()
        + " ms, "
        + c.inputTokens()
        + "+"
        + c.outputTokens()
        + " tokens, $"
        + c.costUsd().toPlainString()
        + (c.detail() == null || c.detail().isBlank() ? "" : " — " + c.detail());
  }
}
