package io.backstop.escalation.paging;

import io.backstop.escalation.bundle.Headlines;
import io.backstop.escalation.bundle.IncidentBundle;
import io.backstop.events.ActionExecuted;
import io.backstop.events.Escalated;
import io.backstop.events.id.IncidentId;
import io.backstop.events.signal.WorkloadRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the Events v2 requests for an incident. The dedup key is always the incident id, so every
 * trigger of one incident folds into one page and a resolve closes it. The page carries what an
 * on-call needs before opening anything: the reason, the suggested human action, the verdicts, the
 * model cost and whether the audit chain verified.
 */
public final class PageComposer {

  private final String routingKey;
  private final String source;
  private final List<PagerEvent.Link> links;
  private final java.net.URI console;

  public PageComposer(String routingKey, String source, List<PagerEvent.Link> links) {
    this(routingKey, source, links, null);
  }

  /**
   * {@code console}: the web console's address as people reach it (null: none), for the link to a
   * pending approval.
   */
  public PageComposer(
      String routingKey, String source, List<PagerEvent.Link> links, java.net.URI console) {
    this.routingKey = routingKey;
    this.source = source;
    this.links = List.copyOf(links);
    this.console = console;
  }

  /** The console address of an approval, when a console is configured. */
  public java.util.Optional<String> approvalUrl(io.backstop.events.id.ActionId actionId) {
    if (console == null) {
      return java.util.Optional.empty();
    }
    String base = console.toString().replaceAll("/+$", "");
    return java.util.Optional.of(base + "/approvals/" + actionId);
  }

  /**
   * A person must approve or deny one exact write before it lapses: the page says what, why, by
   * when and how many people, and links to the approval in the console.
   */
  public PagerEvent approval(io.backstop.events.ApprovalRequested r, IncidentBundle bundle) {
    Map<String, Object> details = common(bundle);
    details.put("approval", r.actionId().toString());
    details.put("action", Headlines.action(r.action()));
    details.put("patch", r.plan().summary());
    details.put("reason", r.reason().name());
    details.put("expires_at", r.expiresAt().toString());
    details.put("approvers_required", r.approversRequired());
    details.put("why", r.summary());
    java.util.Optional<String> url = approvalUrl(r.actionId());
    url.ifPresent(u -> details.put("approval_url", u));
    String summary =
        "[Backstop] APPROVAL NEEDED before "
            + r.expiresAt()
            + ": "
            + Headlines.action(r.action())
            + " ("
            + r.reason()
            + ")";
    PagerEvent page =
        trigger(
            r.incidentId(),
            summary,
            "critical",
            r.action().target(),
            "APPROVAL_REQUESTED",
            r.header().occurredAt(),
            details);
    if (url.isEmpty()) {
      return page;
    }
    List<PagerEvent.Link> withApproval = new java.util.ArrayList<>();
    withApproval.add(new PagerEvent.Link(url.get(), "Approve or deny in the Backstop console"));
    withApproval.addAll(page.links());
    return new PagerEvent(
        page.routingKey(), page.action(), page.dedupKey(), page.payload(), withApproval);
  }

  /**
   * A person's approval went through the guardrail and the executor writes next: said on the open
   * page (same dedup key) at the request's severity, so the on-call knows no one must act by hand.
   */
  public PagerEvent approved(io.backstop.events.ActionApproved a, IncidentBundle bundle) {
    Map<String, Object> details = common(bundle);
    details.put("action", Headlines.action(a.action()));
    String summary =
        "[Backstop] APPROVED by "
            + String.join(
                ", ",
                a.approvers().stream()
                    .map(io.backstop.events.approval.Approver::principal)
                    .toList())
            + ": "
            + Headlines.action(a.action())
            + "; the executor writes it now";
    return trigger(
        a.incidentId(),
        summary,
        "critical",
        a.action().target(),
        "APPROVAL_APPROVED",
        a.header().occurredAt(),
        details);
  }

  /**
   * The page of an event that ended an approval, with how it ended: the outcome, who decided when
   * and from where, and the console's link to the approval first.
   */
  public PagerEvent approvalEnded(
      PagerEvent page, io.backstop.escalation.bundle.ApprovalEnds.End end) {
    java.util.Optional<String> url = approvalUrl(end.request().actionId());
    PagerEvent more =
        page.withDetail("approval", end.request().actionId().toString())
            .withDetail("approval_outcome", end.outcome().name())
            .withDetail("approval_ended_at", end.at().toString())
            .withDetail(
                "decided_by",
                end.people().stream()
                    .map(d -> d.principal() + " " + d.verdict() + " at " + d.decidedAt())
                    .toList())
            .withDetail("approval_news", end.sentence(""));
    if (url.isEmpty()) {
      return more;
    }
    List<PagerEvent.Link> links = new java.util.ArrayList<>();
    links.add(new PagerEvent.Link(url.get(), "The approval in the Backstop console"));
    links.addAll(more.links());
    return new PagerEvent(more.routingKey(), more.action(), more.dedupKey(), more.payload(), links);
  }

  /** A human must take over. */
  public PagerEvent escalation(Escalated e, IncidentBundle bundle) {
    Map<String, Object> details = common(bundle);
    details.put("reason", e.reason().name());
    details.put("suggested_action", e.suggestedAction());
    details.put("summary", e.summary());
    details.put(
        "verdicts",
        e.verdicts().stream()
            .map(v -> v.outcome() + " " + v.gate() + "/" + v.policyId() + ": " + v.reason())
            .toList());
    String summary = "[Backstop] " + e.reason() + on(e.target()) + ": " + e.summary();
    return trigger(
        e.incidentId(),
        summary,
        PagerEvent.severity(e.severity()),
        e.target(),
        e.reason().name(),
        e.header().occurredAt(),
        details);
  }

  /**
   * A write Backstop made, for the service's change timeline: what was changed, how it ended, for
   * which incident. Sent for every outcome that wrote ({@code ExecutionStatus.written()}).
   */
  public ChangeEvent change(ActionExecuted x) {
    Map<String, Object> details = new java.util.LinkedHashMap<>();
    details.put("incident", x.incidentId().value());
    details.put("action_id", x.actionId().toString());
    details.put("action", Headlines.action(x.action()));
    details.put("status", x.status().name());
    details.put("revision_before", x.revisionBefore());
    details.put("revision_after", x.revisionAfter());
    details.put("reason", x.reason().isBlank() ? null : x.reason());
    String summary =
        "[Backstop] "
            + Headlines.action(x.action())
            + " (incident "
            + x.incidentId().value()
            + "): "
            + x.status();
    return new ChangeEvent(routingKey, summary, source, x.header().occurredAt(), details, links);
  }

  /**
   * The executor's outcome. VERIFIED is informational (severity info): the agent acted and the
   * workload recovered, and the on-call must know it acted. Anything that needs a human is an
   * error-severity trigger on the same dedup key.
   */
  public PagerEvent outcome(ActionExecuted x, IncidentBundle bundle) {
    Map<String, Object> details = common(bundle);
    details.put("action", Headlines.action(x.action()));
    details.put("status", x.status().name());
    details.put("revision_before", x.revisionBefore());
    details.put("revision_after", x.revisionAfter());
    details.put("reason", x.reason());
    boolean fixed = !x.status().needsHuman();
    String summary =
        "[Backstop] "
            + (fixed ? "acted and recovered: " : "action needs a human: ")
            + Headlines.action(x.action())
            + " → "
            + x.status()
            + (x.reason().isBlank() ? "" : " (" + x.reason() + ")");
    return trigger(
        x.incidentId(),
        summary,
        fixed ? "info" : "error",
        x.action().target(),
        "ACTION_" + x.status().name(),
        x.header().occurredAt(),
        details);
  }

  public PagerEvent resolve(IncidentId incident) {
    return new PagerEvent(routingKey, PagerAction.RESOLVE, incident.value(), null, List.of());
  }

  private PagerEvent trigger(
      IncidentId incident,
      String summary,
      String severity,
      WorkloadRef target,
      String eventClass,
      java.time.Instant at,
      Map<String, Object> details) {
    var payload =
        new PagerEvent.Payload(
            summary,
            target == null ? source : target.namespace() + "/" + target.name(),
            severity,
            at,
            target == null ? null : target.name(),
            target == null ? null : target.namespace(),
            eventClass,
            details);
    return new PagerEvent(routingKey, PagerAction.TRIGGER, incident.value(), payload, links);
  }

  private static Map<String, Object> common(IncidentBundle bundle) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("incident", bundle.incident().value());
    details.put("total_model_cost_usd", bundle.totalCostUsd().toPlainString());
    details.put("hash_chain", bundle.chain().verified() ? "verified" : "NOT VERIFIED");
    details.put("events_on_record", bundle.events().size());
    return details;
  }

  private static String on(WorkloadRef target) {
    return target == null ? "" : " on " + target.namespace() + "/" + target.name();
  }
}
