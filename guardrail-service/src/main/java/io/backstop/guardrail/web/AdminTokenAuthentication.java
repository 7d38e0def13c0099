package io.backstop.guardrail.web;

import io.backstop.guardrail.GuardrailProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Who the admin is: whoever presents {@code Authorization: Bearer <backstop.guardrail.admin-token>}
 * (compared in constant time). With no token configured nobody is: an unconfigured service is never
 * an open one.
 */
final class AdminTokenAuthentication implements AuthenticationProvider {

  static final String PRINCIPAL = "admin";

  private final GuardrailProperties properties;

  AdminTokenAuthentication(GuardrailProperties properties) {
    this.properties = properties;
  }

  /** The bearer token of a request as an authentication to check, or null when it carries none. */
  static Authentication fromHeader(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return UsernamePasswordAuthenticationToken.unauthenticated(
        PRINCIPAL, header.substring(7).strip());
  }

  @Override
  public Authentication authenticate(Authentication presented) {
    if (!properties.hasAdminToken()) {
      throw new DisabledException("admin endpoints are disabled: no admin token is configured");
    }
    byte[] given = String.valueOf(presented.getCredentials()).getBytes(StandardCharsets.UTF_8);
    byte[] expected = properties.adminToken().strip().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, expected)) {
      throw new BadCredentialsException("the bearer token is not valid");
    }
    return UsernamePasswordAuthenticationToken.authenticated(
        PRINCIPAL, null, List.of(new SimpleGrantedAuthority("ROLE_" + AdminSecurity.ADMIN)));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
