package io.backstop.escalation.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page shows of the person looking: their name and what their role lets them do. */
@ControllerAdvice(assignableTypes = {ConsolePages.class, OperatorPages.class})
@ConditionalOnWebApplication
public class ConsoleModel {

  static final String HTMX = "/webjars/htmx.org/2.0.4/dist/htmx.min.js";

  @ModelAttribute
  void person(Model model) {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    boolean known = auth != null && !(auth instanceof AnonymousAuthenticationToken);
    boolean admin = known && has(auth, "ROLE_ADMIN");
    boolean approver = admin || (known && has(auth, "ROLE_APPROVER"));
    model.addAttribute("me", known ? auth.getName() : "");
    model.addAttribute("myRole", admin ? "admin" : approver ? "approver" : known ? "viewer" : "");
    model.addAttribute("isAdmin", admin);
    model.addAttribute("isApprover", approver);
    model.addAttribute("htmx", HTMX);
  }

  private static boolean has(Authentication auth, String authority) {
    return auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(authority));
  }
}
