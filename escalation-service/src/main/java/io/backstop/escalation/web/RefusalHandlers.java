package io.backstop.escalation.web;

import io.backstop.escalation.console.Refusals;
import io.backstop.events.approval.RefusalReason;
import io.backstop.events.id.ActionId;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Every way Spring Security turns a request away, each audited through {@link Refusals} before the
 * answer goes out: an API call without a valid bearer token (401), a role that does not allow the
 * request (403), a form post without the session's CSRF token (403), a failed login, and an
 * anonymous form post (sent to the login page). Page views by someone not logged in are simply sent
 * to the login page: that is navigation, not a refused request.
 */
final class RefusalHandlers {

  private static final Pattern APPROVAL =
      Pattern.compile(
          "/approvals/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");

  private final Refusals refusals;
  private final LoginUrlAuthenticationEntryPoint login =
      new LoginUrlAuthenticationEntryPoint("/login");

  RefusalHandlers(Refusals refusals) {
    this.refusals = refusals;
  }

  /** The API's: 401 with a problem document. */
  AuthenticationEntryPoint api() {
    return (request, response, e) -> {
      record(request, "anonymous", RefusalReason.UNAUTHENTICATED, e.getMessage());
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
      problem(
          response,
          401,
          RefusalReason.UNAUTHENTICATED,
          "not authenticated",
          "a valid bearer token is required");
    };
  }

  /**
   * The console's: an anonymous post is audited; everyone not logged in goes to the login page. A
   * page's own background request (htmx: {@code HX-Request}) is answered 401 with {@code
   * HX-Redirect} to the login page instead, and creates no session: a poll that outlived its
   * session (or raced a log-in in the same browser) must never set a session cookie of its own,
   * which would replace the one the login form's CSRF token belongs to.
   */
  AuthenticationEntryPoint console() {
    return (request, response, e) -> {
      if (!HttpMethod.GET.matches(request.getMethod())) {
        record(request, "anonymous", RefusalReason.UNAUTHENTICATED, "not logged in");
      }
      if (isBackground(request)) {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("HX-Redirect", request.getContextPath() + "/login");
        return;
      }
      login.commence(request, response, e);
    };
  }

  /** A request a console page makes by itself (htmx), not a person's navigation. */
  static boolean isBackground(HttpServletRequest request) {
    return "true".equalsIgnoreCase(request.getHeader("HX-Request"));
  }

  /** Both: a role that does not allow it, or a post without the CSRF token. */
  AccessDeniedHandler denied() {
    return (request, response, e) -> {
      boolean csrf = e instanceof CsrfException;
      RefusalReason reason = csrf ? RefusalReason.CSRF : RefusalReason.FORBIDDEN;
      String detail =
          csrf
              ? "the request did not carry the session's CSRF token"
              : "the role "
                  + roles()
                  + " does not allow "
                  + request.getMethod()
                  + " "
                  + path(request);
      record(request, principal(), reason, detail);
      if (path(request).startsWith("/api/")) {
        problem(response, 403, reason, "forbidden", detail);
      } else {
        forward(request, response, 403, detail);
      }
    };
  }

  /** A failed login: audited with the name that was tried (never the password). */
  AuthenticationFailureHandler loginFailed() {
    return (request, response, e) -> {
      String tried = request.getParameter("username");
      record(
          request,
          tried == null || tried.isBlank() ? "anonymous" : tried.strip(),
          RefusalReason.UNAUTHENTICATED,
          "login failed: " + e.getMessage());
      response.sendRedirect(request.getContextPath() + "/login?error");
    };
  }

  private void record(
      HttpServletRequest request, String principal, RefusalReason reason, String detail) {
    refusals.record(
        principal,
        origin(request),
        request.getMethod() + " " + path(request),
        approvalIn(path(request)),
        reason,
        detail);
  }

  static String origin(HttpServletRequest request) {
    return (path(request).startsWith("/api/") ? "api " : "console ") + request.getRemoteAddr();
  }

  private static String path(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    return uri.startsWith(context) ? uri.substring(context.length()) : uri;
  }

  static Optional<ActionId> approvalIn(String path) {
    Matcher m = APPROVAL.matcher(path);
    return m.find() ? Optional.of(ActionId.of(m.group(1))) : Optional.empty();
  }

  private static String principal() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated()) {
      return "anonymous";
    }
    return auth.getName();
  }

  private static String roles() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || auth instanceof AnonymousAuthenticationToken) {
      return "(none)";
    }
    return auth.getAuthorities().stream()
        .map(a -> a.getAuthority().replaceFirst("^ROLE_", "").toLowerCase(java.util.Locale.ROOT))
        .sorted()
        .toList()
        .toString();
  }

  private static void forward(
      HttpServletRequest request, HttpServletResponse response, int status, String detail)
      throws IOException, ServletException {
    request.setAttribute("refusal", detail);
    request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
    response.setStatus(status);
    request.getRequestDispatcher("/refused").forward(request, response);
  }

  /** A problem document naming the refusal ({@code reason}), as the approval API's own are. */
  private static void problem(
      HttpServletResponse response, int status, RefusalReason reason, String title, String detail)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response
        .getWriter()
        .write(
            io.backstop.events.codec.EventCodec.mapper()
                .writeValueAsString(
                    java.util.Map.of(
                        "status", status,
                        "reason", reason.name(),
                        "title", title,
                        "detail", detail)));
  }
}
