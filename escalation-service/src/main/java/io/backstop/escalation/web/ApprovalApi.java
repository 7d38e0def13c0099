package io.backstop.escalation.web;

import io.backstop.escalation.console.ApprovalView;
import io.backstop.escalation.console.ConsoleBoard;
import io.backstop.escalation.console.DecisionDesk;
import io.backstop.escalation.console.IncidentView;
import io.backstop.escalation.console.PatchDiff;
import io.backstop.events.approval.DecisionVerdict;
import io.backstop.events.approval.RefusalReason;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's JSON API, for the CLI and for scripts (bearer tokens): the approvals, one approval
 * with its exact patch, approve and deny with a required comment, and the incidents. A decision is
 * answered 202 once it is on its way to the guardrail (which has the last word), or with the
 * console's refusal: 404 unknown, 409 closed, lapsed or already approved by this person, 400 no
 * comment.
 */
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
@RestController
public class ApprovalApi {

  private final ConsoleBoard board;
  private final DecisionDesk desk;
  private final Clock clock;

  public ApprovalApi(ConsoleBoard board, DecisionDesk desk, Clock clock) {
    this.board = board;
    this.desk = desk;
    this.clock = clock;
  }

  /** A decision's body. */
  public record DecisionRequest(String comment) {}

  @GetMapping("/api/v1/whoami")
  Map<String, Object> whoami(Authentication who) {
    return Map.of(
        "principal",
        who.getName(),
        "roles",
        who.getAuthorities().stream().map(a -> a.getAuthority()).sorted().toList());
  }

  @GetMapping("/api/v1/approvals")
  List<Map<String, Object>> approvals(@RequestParam(defaultValue = "all") String status) {
    Instant now = clock.instant();
    return board.approvals().stream()
        .filter(a -> status.equalsIgnoreCase("all") || a.status().name().equalsIgnoreCase(status))
        .map(a -> summary(a, now))
        .toList();
  }

  @GetMapping("/api/v1/approvals/{id}")
  ResponseEntity<Map<String, Object>> approval(@PathVariable String id) {
    Instant now = clock.instant();
    return board
        .approval(ConsolePages.actionId(id))
        .map(a -> ResponseEntity.ok(detail(a, now)))
        .orElseGet(
            () ->
                ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(withReason(problem(404, "no approval " + id), "UNKNOWN_APPROVAL")));
  }

  @PostMapping("/api/v1/approvals/{id}/approve")
  ResponseEntity<Map<String, Object>> approve(
      @PathVariable String id,
      @RequestBody(required = false) DecisionRequest body,
      Authentication who,
      HttpServletRequest request) {
    return decide(id, DecisionVerdict.APPROVED, body, who, request);
  }

  @PostMapping("/api/v1/approvals/{id}/deny")
  ResponseEntity<Map<String, Object>> deny(
      @PathVariable String id,
      @RequestBody(required = false) DecisionRequest body,
      Authentication who,
      HttpServletRequest request) {
    return decide(id, DecisionVerdict.DENIED, body, who, request);
  }

  @GetMapping("/api/v1/incidents")
  List<IncidentView> incidents() {
    return board.incidents();
  }

  private ResponseEntity<Map<String, Object>> decide(
      String id,
      DecisionVerdict verdict,
      DecisionRequest body,
      Authentication who,
      HttpServletRequest request) {
    var outcome =
        desk.decide(
            ConsolePages.actionId(id),
            who.getName(),
            RefusalHandlers.origin(request),
            verdict,
            body == null ? "" : body.comment());
    if (outcome instanceof DecisionDesk.Outcome.Sent sent) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("decision", sent.decision().eventId().toString());
      out.put("approval", id);
      out.put("verdict", verdict.name());
      out.put("principal", sent.decision().principal());
      out.put(
          "note",
          "sent to the guardrail, which re-checks expiry, approvers, the hard rules and the breaker");
      return ResponseEntity.status(HttpStatus.ACCEPTED).body(out);
    }
    var refused = (DecisionDesk.Outcome.Refused) outcome;
    int status =
        refused.reason() == RefusalReason.UNKNOWN_APPROVAL
            ? 404
            : refused.reason() == RefusalReason.MALFORMED ? 400 : 409;
    Map<String, Object> problem = problem(status, refused.detail());
    problem.put("reason", refused.reason().name());
    return ResponseEntity.status(status).body(problem);
  }

  static Map<String, Object> summary(ApprovalView a, Instant now) {
    var r = a.request();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", r.actionId().toString());
    out.put("incident", r.incidentId().value());
    out.put("status", a.status().name());
    out.put("action", io.backstop.escalation.bundle.Headlines.action(r.action()));
    out.put("patch", r.plan().summary());
    out.put("reason", r.reason().name());
    out.put("requestedAt", r.header().occurredAt().toString());
    out.put("expiresAt", r.expiresAt().toString());
    out.put("secondsLeft", a.status().open() ? a.remaining(now).toSeconds() : 0);
    out.put("approversRequired", r.approversRequired());
    out.put("approvedBy", a.approvers());
    a.outcome().ifPresent(x -> out.put("outcome", x.status().name()));
    return out;
  }

  static Map<String, Object> detail(ApprovalView a, Instant now) {
    var r = a.request();
    Map<String, Object> out = summary(a, now);
    out.put("summary", r.summary());
    out.put("preconditions", r.preconditions());
    out.put(
        "verdicts",
        r.verdicts().stream()
            .map(v -> v.outcome() + " " + v.gate() + "/" + v.policyId() + ": " + v.reason())
            .toList());
    PatchDiff diff = PatchDiff.of(r);
    out.put(
        "diff",
        diff.lines().stream().map(l -> l.marker() + " " + l.path() + " " + l.value()).toList());
    out.put(
        "deploymentPatch",
        io.backstop.events.codec.EventCodec.mapper().readTree(r.plan().deploymentPatchJson()));
    if (diff.scalePatchJson() != null) {
      out.put(
          "scalePatch",
          io.backstop.events.codec.EventCodec.mapper().readTree(diff.scalePatchJson()));
    }
    out.put("atWrite", r.plan().atWrite());
    out.put("hypothesis", r.diagnosis().hypothesis());
    out.put("answeredBy", r.diagnosis().answeredBy() + " (" + r.diagnosis().tier() + ")");
    out.put("confidence", r.diagnosis().confidence());
    out.put(
        "decisions",
        a.decisions().stream()
            .map(
                d ->
                    d.principal()
                        + " "
                        + d.verdict()
                        + " at "
                        + d.decidedAt()
                        + " from "
                        + d.origin()
                        + ": "
                        + d.comment())
            .toList());
    out.put(
        "refusals",
        a.refusals().stream()
            .map(
                x ->
                    x.principal() + " " + x.request() + ": " + x.reason() + " (" + x.detail() + ")")
            .toList());
    a.closedBy().ifPresent(c -> out.put("closedBy", c.eventType() + " " + c.eventId()));
    return out;
  }

  private static Map<String, Object> withReason(Map<String, Object> problem, String reason) {
    problem.put("reason", reason);
    return problem;
  }

  private static Map<String, Object> problem(int status, String detail) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", status);
    out.put("detail", detail);
    return out;
  }
}
