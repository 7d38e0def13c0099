package io.backstop.escalation.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates an API request by its {@code Authorization: Bearer} token. A request without one
 * goes on anonymous (and is refused by the rules that follow); a request with a token that is not
 * ours is refused at once, on the record.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

  private final ApiTokens tokens;
  private final AuthenticationEntryPoint refuse;

  BearerTokenFilter(ApiTokens tokens, AuthenticationEntryPoint refuse) {
    this.tokens = tokens;
    this.refuse = refuse;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      chain.doFilter(request, response);
      return;
    }
    var authenticated = tokens.authenticate(header.substring(7));
    if (authenticated.isEmpty()) {
      SecurityContextHolder.clearContext();
      refuse.commence(
          request, response, new BadCredentialsException("the bearer token is not valid"));
      return;
    }
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(authenticated.get());
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }
}
