package io.backstop.guardrail.web;

import io.backstop.guardrail.GuardrailProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Admits an admin request only with {@code Authorization: Bearer <backstop.guardrail.admin-token>}
 * (compared in constant time). With no token configured every admin request is refused: an
 * unconfigured service is never an open one. A refusal is an {@link AdminAccessRefusedException},
 * which {@link ProblemHandler} answers as a problem document.
 */
final class AdminTokenInterceptor implements HandlerInterceptor {

  private final GuardrailProperties properties;

  AdminTokenInterceptor(GuardrailProperties properties) {
    this.properties = properties;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!properties.hasAdminToken()) {
      throw new AdminAccessRefusedException(
          HttpStatus.FORBIDDEN, "admin endpoints are disabled: no admin token is configured");
    }
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.startsWith("Bearer ")) {
      throw new AdminAccessRefusedException(HttpStatus.UNAUTHORIZED, "a bearer token is required");
    }
    byte[] given = header.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8);
    byte[] expected = properties.adminToken().strip().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, expected)) {
      throw new AdminAccessRefusedException(
          HttpStatus.UNAUTHORIZED, "the bearer token is not valid");
    }
    return true;
  }
}
