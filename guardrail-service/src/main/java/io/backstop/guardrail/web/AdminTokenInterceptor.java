package io.backstop.guardrail.web;

import io.backstop.guardrail.GuardrailProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Admits an admin request only with {@code Authorization: Bearer <backstop.guardrail.admin-token>}
 * (compared in constant time). With no token configured every admin request is refused: an
 * unconfigured service is never an open one.
 */
final class AdminTokenInterceptor implements HandlerInterceptor {

  private final GuardrailProperties properties;

  AdminTokenInterceptor(GuardrailProperties properties) {
    this.properties = properties;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws IOException {
    if (!properties.hasAdminToken()) {
      return refuse(response, 403, "admin endpoints are disabled: no admin token is configured");
    }
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.startsWith("Bearer ")) {
      return refuse(response, 401, "a bearer token is required");
    }
    byte[] given = header.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8);
    byte[] expected = properties.adminToken().strip().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, expected)) {
      return refuse(response, 401, "the bearer token is not valid");
    }
    return true;
  }

  private static boolean refuse(HttpServletResponse response, int status, String detail)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json");
    if (status == 401) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    response
        .getWriter()
        .write(
            "{\"status\":"
                + status
                + ",\"title\":\"admin access refused\",\"detail\":\""
                + detail
                + "\"}");
    return false;
  }
}
