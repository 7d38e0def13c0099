package io.backstop.escalation.bundle;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.AlertReceived;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.DiagnosisRejected;
import io.backstop.events.Escalated;
import io.backstop.events.EscalationDelivered;
import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.events.audit.Timeline;
import io.backstop.events.diagnosis.ModelCall;
import io.backstop.events.id.IncidentId;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders an incident's events (from the audit log) as a Markdown timeline: the alert, the evidence
 * triage gathered (already redacted), every model call with outcome, latency and cost, each
 * diagnosis, every guardrail verdict and blocked action, the action and its verification, the
 * escalation with the suggested human action, the deliveries, the total cost and the hash chain.
 * Events are put in causal order, one per event id (the latest version of a redelivered step), by
 * the shared {@code Timeline} of {@code backstop-events}, which also verifies the chain. Pure: the
 * same events always render the same text.
 */
public final class BundleRenderer {

  private final String console;

  public BundleRenderer() {
    this("");
  }

  /** {@code console}: the web console's address (blank: none), for links to approvals. */
  public BundleRenderer(String console) {
    this.console = console == null ? "" : console;
  }

  public IncidentBundle render(IncidentId incident, List<? extends IncidentEvent> events) {
    Timeline log = Timeline.of(incident, events);
    List<IncidentEvent> timeline = log.events();
    ChainCheck chain = ChainCheck.of(log);
    BigDecimal cost = totalCost(timeline);
    StringBuilder md = new StringBuilder();
    md.append("# Incident ").append(incident.value()).append("\n\n");
    md.append("- status: ").append(Sections.status(timeline)).append('\n');
    md.append("- total model cost: ").append(Md.usd(cost)).append('\n');
    md.append("- hash chain: ").append(Sections.chainLine(chain)).append("\n\n");
    Sections.timeline(md, timeline);
    Sections.alert(md, only(timeline, AlertReceived.class));
    Sections.evidence(md, only(timeline, SignalsGathered.class));
    Sections.modelCalls(md, calls(timeline));
    Sections.diagnoses(md, only(timeline, DiagnosisProposed.class));
    ApprovalSections.approvals(md, timeline, console);
    OutcomeSections.verdicts(md, timeline);
    OutcomeSections.actions(
        md, only(timeline, ActionApproved.class), only(timeline, ActionExecuted.class));
    OutcomeSections.escalations(md, only(timeline, Escalated.class));
    OutcomeSections.deliveries(md, only(timeline, EscalationDelivered.class));
    OutcomeSections.integrity(md, chain);
    return new IncidentBundle(incident, md.toString(), cost, chain, timeline);
  }

  /** Every model call on the record, once: those of the proposals (rejected ones included). */
  static List<ModelCall> calls(List<IncidentEvent> events) {
    Map<Object, DiagnosisProposed> proposals = new LinkedHashMap<>();
    for (IncidentEvent e : events) {
      if (e instanceof DiagnosisProposed p) {
        proposals.putIfAbsent(p.eventId(), p);
      } else if (e instanceof DiagnosisRejected r) {
        proposals.putIfAbsent(r.rejected().eventId(), r.rejected());
      } else if (e instanceof ActionApproved a) {
        proposals.putIfAbsent(a.diagnosis().eventId(), a.diagnosis());
      }
    }
    return proposals.values().stream().flatMap(p -> p.calls().stream()).toList();
  }

  /** What the incident's model calls cost, each call counted once. */
  public static BigDecimal totalCost(List<IncidentEvent> events) {
    return calls(events).stream().map(ModelCall::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  static <T extends IncidentEvent> List<T> only(List<IncidentEvent> events, Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
