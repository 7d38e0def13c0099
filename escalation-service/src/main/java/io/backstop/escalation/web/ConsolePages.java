package io.backstop.escalation.web;

import io.backstop.escalation.bundle.ChainCheck;
import io.backstop.escalation.console.ApprovalView;
import io.backstop.escalation.console.ConsoleBoard;
import io.backstop.escalation.console.DecisionDesk;
import io.backstop.escalation.console.PatchDiff;
import io.backstop.escalation.console.TimelineRow;
import io.backstop.events.SignalsGathered;
import io.backstop.events.approval.DecisionVerdict;
import io.backstop.events.audit.Timeline;
import io.backstop.events.id.ActionId;
import io.backstop.events.id.IncidentId;
import io.backstop.events.signal.Evidence;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's pages: the overview (pending approvals, incidents), one incident's timeline with
 * its hash-chain check, one approval with its evidence, patch and countdown, and the approve/deny
 * form. Each page has a {@code live} fragment that the page polls with the board's version: an
 * unchanged board answers 204 and nothing moves; a changed one sends the fresh fragment.
 */
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
@Controller
public class ConsolePages {

  private final ConsoleBoard board;
  private final DecisionDesk desk;
  private final Clock clock;
  private final ObjectProvider<ClientRegistrationRepository> oidc;
  private final io.backstop.escalation.IncidentHistory history;

  public ConsolePages(
      ConsoleBoard board,
      DecisionDesk desk,
      Clock clock,
      ObjectProvider<ClientRegistrationRepository> oidc,
      io.backstop.escalation.IncidentHistory history) {
    this.board = board;
    this.desk = desk;
    this.clock = clock;
    this.oidc = oidc;
    this.history = history;
  }

  @GetMapping("/login")
  String login(Model model) {
    List<String[]> providers = new java.util.ArrayList<>();
    if (oidc.getIfAvailable() instanceof Iterable<?> registrations) {
      for (Object r : registrations) {
        if (r instanceof ClientRegistration reg) {
          providers.add(
              new String[] {
                "/oauth2/authorization/" + reg.getRegistrationId(), reg.getClientName()
              });
        }
      }
    }
    model.addAttribute("providers", providers);
    return "login";
  }

  @GetMapping("/")
  String overview(Model model) {
    overviewModel(model);
    return "overview";
  }

  @GetMapping("/live/overview")
  String overviewLive(
      @RequestParam(name = "v", defaultValue = "-1") long seen,
      Model model,
      HttpServletResponse response) {
    if (unchanged(seen, response)) {
      return null;
    }
    overviewModel(model);
    return "overview :: live";
  }

  @GetMapping("/incidents/{id}")
  String incident(@PathVariable String id, Model model) {
    incidentModel(incidentId(id), model);
    return "incident";
  }

  @GetMapping("/incidents/{id}/live")
  String incidentLive(
      @PathVariable String id,
      @RequestParam(name = "v", defaultValue = "-1") long seen,
      Model model,
      HttpServletResponse response) {
    if (unchanged(seen, response)) {
      return null;
    }
    incidentModel(incidentId(id), model);
    return "incident :: live";
  }

  @GetMapping("/approvals/{id}")
  String approval(@PathVariable String id, Model model, Authentication who) {
    approvalModel(actionId(id), model, who);
    return "approval";
  }

  @GetMapping("/approvals/{id}/live")
  String approvalLive(
      @PathVariable String id,
      @RequestParam(name = "v", defaultValue = "-1") long seen,
      Model model,
      Authentication who,
      HttpServletResponse response) {
    if (unchanged(seen, response)) {
      return null;
    }
    approvalModel(actionId(id), model, who);
    return "approval :: live";
  }

  /** Approve or deny from the console's form; the comment is required. */
  @PostMapping("/approvals/{id}/decision")
  String decide(
      @PathVariable String id,
      @RequestParam String verdict,
      @RequestParam(defaultValue = "") String comment,
      Authentication who,
      HttpServletRequest request,
      RedirectAttributes flash) {
    ActionId actionId = actionId(id);
    DecisionVerdict v =
        switch (verdict.strip().toUpperCase(java.util.Locale.ROOT)) {
          case "APPROVED", "APPROVE" -> DecisionVerdict.APPROVED;
          case "DENIED", "DENY" -> DecisionVerdict.DENIED;
          default ->
              throw new ResponseStatusException(
                  HttpStatus.BAD_REQUEST, "verdict must be APPROVED or DENIED");
        };
    var outcome = desk.decide(actionId, who.getName(), RefusalHandlers.origin(request), v, comment);
    if (outcome instanceof DecisionDesk.Outcome.Sent sent) {
      flash.addFlashAttribute(
          "notice",
          "Your "
              + (v == DecisionVerdict.APPROVED ? "approval" : "denial")
              + " was sent to the guardrail (decision "
              + sent.decision().eventId()
              + "). It re-checks every hard rule and the breaker before anything is written.");
    } else if (outcome instanceof DecisionDesk.Outcome.Refused refused) {
      flash.addFlashAttribute("problem", "Refused (" + refused.reason() + "): " + refused.detail());
    }
    return "redirect:/approvals/" + actionId;
  }

  /** Where a refusal of a page request is shown (forwarded to, whatever the method). */
  @org.springframework.web.bind.annotation.RequestMapping("/refused")
  String refused(HttpServletRequest request, Model model, HttpServletResponse response) {
    Object detail = request.getAttribute("refusal");
    model.addAttribute("detail", detail == null ? "This request is not allowed." : detail);
    response.setStatus(HttpStatus.FORBIDDEN.value());
    return "refused";
  }

  private boolean unchanged(long seen, HttpServletResponse response) {
    if (seen >= 0 && board.version() == seen) {
      response.setStatus(HttpStatus.NO_CONTENT.value());
      return true;
    }
    return false;
  }

  private void overviewModel(Model model) {
    model.addAttribute("version", board.version());
    model.addAttribute("now", clock.instant());
    model.addAttribute("pending", board.pending());
    model.addAttribute(
        "recentApprovals",
        board.approvals().stream().filter(a -> !a.status().open()).limit(10).toList());
    model.addAttribute("incidents", board.incidents());
    model.addAttribute("caughtUp", board.isCaughtUp());
  }

  private void incidentModel(IncidentId id, Model model) {
    long version = board.version();
    ConsoleBoard source = board.incident(id).isPresent() ? board : fromAudit(id);
    var view =
        source
            .incident(id)
            .orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no incident " + id));
    Timeline timeline = source.timeline(id).orElseThrow();
    model.addAttribute("version", version);
    model.addAttribute("now", clock.instant());
    model.addAttribute("incident", view);
    model.addAttribute("rows", timeline.events().stream().map(TimelineRow::of).toList());
    model.addAttribute("chain", ChainCheck.of(timeline));
    model.addAttribute("approvals", source.approvalsOf(id));
  }

  /**
   * An incident the board no longer keeps (it keeps the most recently active ones), read back from
   * the audit log; an audit that cannot be read is a 503, not a missing incident.
   */
  private ConsoleBoard fromAudit(IncidentId id) {
    try {
      return ConsoleBoard.of(history.eventsOf(id));
    } catch (RuntimeException e) {
      throw new ResponseStatusException(
          HttpStatus.SERVICE_UNAVAILABLE, "the audit log could not be read for " + id, e);
    }
  }

  private void approvalModel(ActionId id, Model model, Authentication who) {
    long version = board.version();
    ApprovalView approval =
        board
            .approval(id)
            .orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no approval " + id));
    model.addAttribute("version", version);
    model.addAttribute("now", clock.instant());
    model.addAttribute("a", approval);
    model.addAttribute("diff", PatchDiff.of(approval.request()));
    model.addAttribute("evidence", cited(approval));
    model.addAttribute(
        "verdictLines",
        approval.request().verdicts().stream()
            .map(v -> new String[] {v.outcome().name(), v.gate() + "/" + v.policyId(), v.reason()})
            .toList());
    boolean approver =
        who != null
            && who.getAuthorities().stream()
                .anyMatch(
                    g ->
                        g.getAuthority().equals("ROLE_APPROVER")
                            || g.getAuthority().equals("ROLE_ADMIN"));
    model.addAttribute("canDecide", approver && approval.decidable(clock.instant()));
    model.addAttribute("isApprover", approver);
    model.addAttribute("alreadyApproved", who != null && approval.approvedBy(who.getName()));
  }

  /** The evidence the diagnosis cited first, then the rest of what triage gathered. */
  private static List<Evidence> cited(ApprovalView approval) {
    var diagnosis = approval.request().diagnosis();
    SignalsGathered signals = diagnosis.signals();
    Set<String> ids = Set.copyOf(diagnosis.citedEvidence());
    List<Evidence> first =
        signals.evidence().stream().filter(e -> ids.contains(e.id().toString())).toList();
    List<Evidence> rest =
        signals.evidence().stream().filter(e -> !ids.contains(e.id().toString())).toList();
    List<Evidence> all = new java.util.ArrayList<>(first);
    all.addAll(rest);
    return all;
  }

  private static IncidentId incidentId(String id) {
    try {
      return IncidentId.of(id);
    } catch (RuntimeException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no incident " + id);
    }
  }

  static ActionId actionId(String id) {
    try {
      return ActionId.of(id);
    } catch (RuntimeException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no approval " + id);
    }
  }
}
