package io.backstop.guardrail.web;

import io.backstop.guardrail.GuardrailProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Every way the admin chain turns a request away, handed to {@link ProblemHandler} as an {@link
 * AdminAccessRefusedException} so the framework writes the problem document (escaped, with {@code
 * WWW-Authenticate: Bearer} on a 401): no admin token configured, 403; no bearer token or a wrong
 * one, 401; an authenticated caller without the admin role, 403.
 */
final class AdminRefusals implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final GuardrailProperties properties;
  private final HandlerExceptionResolver problems;

  AdminRefusals(GuardrailProperties properties, HandlerExceptionResolver problems) {
    this.properties = properties;
    this.problems = problems;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    refuse(request, response, refusal(e));
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    refuse(
        request,
        response,
        new AdminAccessRefusedException(HttpStatus.FORBIDDEN, "the admin role is required"));
  }

  AdminAccessRefusedException refusal(AuthenticationException e) {
    if (!properties.hasAdminToken()) {
      return new AdminAccessRefusedException(
          HttpStatus.FORBIDDEN, "admin endpoints are disabled: no admin token is configured");
    }
    if (e instanceof BadCredentialsException) {
      return new AdminAccessRefusedException(HttpStatus.UNAUTHORIZED, e.getMessage());
    }
    return new AdminAccessRefusedException(HttpStatus.UNAUTHORIZED, "a bearer token is required");
  }

  /** The problem document; should no handler take it, a bare error status still refuses. */
  private void refuse(
      HttpServletRequest request, HttpServletResponse response, AdminAccessRefusedException e)
      throws IOException {
    if (problems.resolveException(request, response, null, e) == null) {
      response.sendError(e.status().value(), e.getMessage());
    }
  }
}
