package io.backstop.escalation.web;

import io.backstop.escalation.console.ConsoleBoard;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.id.IncidentId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;

/**
 * What the guardrail answers for: the namespace breakers (an admin resets one with a reason; the
 * guardrail records the reset under the admin's name), and the policy try-out (paste a diagnosis,
 * see every verdict the production review path gives it, nothing emitted or changed).
 */
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
@Controller
public class OperatorPages {

  private final GuardrailClient guardrail;
  private final ConsoleBoard board;

  OperatorPages(GuardrailClient guardrail, ConsoleBoard board) {
    this.guardrail = guardrail;
    this.board = board;
  }

  @GetMapping("/breakers")
  String breakers(Model model) {
    try {
      model.addAttribute("breakers", guardrail.breakers());
    } catch (GuardrailClient.GuardrailException e) {
      model.addAttribute("problem", e.getMessage());
    }
    return "breakers";
  }

  @PostMapping("/breakers/{namespace}/reset")
  String reset(
      @PathVariable String namespace,
      @RequestParam(defaultValue = "") String reason,
      Authentication who,
      RedirectAttributes flash) {
    if (reason.isBlank()) {
      flash.addFlashAttribute("problem", "A reset needs a reason.");
      return "redirect:/breakers";
    }
    try {
      guardrail.reset(namespace, who.getName(), reason.strip());
      flash.addFlashAttribute(
          "notice", "The breaker of " + namespace + " was reset by " + who.getName() + ".");
    } catch (GuardrailClient.GuardrailException e) {
      flash.addFlashAttribute("problem", e.getMessage());
    }
    return "redirect:/breakers";
  }

  @GetMapping("/try")
  String tryOut(@RequestParam(name = "from", required = false) String incident, Model model) {
    String text = "";
    if (incident != null && !incident.isBlank()) {
      text =
          board
              .timeline(IncidentId.of(incident))
              .flatMap(
                  t ->
                      t.events().stream()
                          .filter(DiagnosisProposed.class::isInstance)
                          .reduce((a, b) -> b))
              .map(
                  d ->
                      EventCodec.mapper()
                          .writerWithDefaultPrettyPrinter()
                          .writeValueAsString(
                              EventCodec.mapper().readTree(EventCodec.encodeToString(d))))
              .orElse("");
    }
    model.addAttribute("body", text);
    return "try";
  }

  @PostMapping("/try")
  String judge(@RequestParam(defaultValue = "") String body, Model model) {
    model.addAttribute("body", body);
    try {
      JsonNode pasted = EventCodec.mapper().readTree(body);
      model.addAttribute("evaluation", guardrail.evaluate(request(pasted)));
    } catch (tools.jackson.core.JacksonException e) {
      model.addAttribute("problem", "Not JSON: " + e.getOriginalMessage());
    } catch (GuardrailClient.GuardrailException e) {
      model.addAttribute("problem", e.getMessage());
    }
    return "try";
  }

  /** A pasted DiagnosisProposed (which carries its signals), or a whole what-if request. */
  private static String request(JsonNode pasted) {
    if (pasted.has("diagnosis")) {
      return EventCodec.mapper().writeValueAsString(pasted);
    }
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("signals", pasted.path("signals"));
    request.put("diagnosis", pasted);
    return EventCodec.mapper().writeValueAsString(request);
  }
}
