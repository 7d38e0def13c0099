package io.backstop.guardrail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.guardrail.GuardrailProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

class AdminTokenAuthenticationTest {

  private static final String TOKEN = "a-long-enough-admin-token";

  @Test
  void onlyABearerAuthorizationHeaderIsReadAsAToken() {
    assertThat(AdminTokenAuthentication.fromHeader(request(null))).isNull();
    assertThat(AdminTokenAuthentication.fromHeader(request("Basic YWRtaW46c2VjcmV0"))).isNull();
    assertThat(AdminTokenAuthentication.fromHeader(request("bearer " + TOKEN + " ")))
        .extracting(Authentication::getCredentials, Authentication::isAuthenticated)
        .containsExactly(TOKEN, false);
  }

  @Test
  void withNoTokenConfiguredEveryAdminRequestIsRefused() {
    var tokens = new AdminTokenAuthentication(properties(null));

    assertThatThrownBy(() -> tokens.authenticate(presented(TOKEN)))
        .isInstanceOf(DisabledException.class)
        .hasMessageContaining("no admin token is configured");
    assertThat(refusals(null).refusal(new InsufficientAuthenticationException("anonymous")))
        .satisfies(e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN))
        .hasMessageContaining("no admin token is configured");
  }

  @Test
  void aWrongBearerTokenIsRefusedAsUnauthorized() {
    var tokens = new AdminTokenAuthentication(properties(TOKEN));

    assertThatThrownBy(() -> tokens.authenticate(presented(TOKEN + "x")))
        .isInstanceOf(BadCredentialsException.class)
        .hasMessage("the bearer token is not valid");
    assertThatThrownBy(() -> tokens.authenticate(presented("")))
        .isInstanceOf(BadCredentialsException.class);
    assertThat(
            refusals(TOKEN).refusal(new BadCredentialsException("the bearer token is not valid")))
        .satisfies(e -> assertThat(e.status()).isEqualTo(HttpStatus.UNAUTHORIZED))
        .hasMessage("the bearer token is not valid");
  }

  @Test
  void aRequestWithoutABearerTokenIsAskedForOne() {
    assertThat(refusals(TOKEN).refusal(new InsufficientAuthenticationException("anonymous")))
        .satisfies(e -> assertThat(e.status()).isEqualTo(HttpStatus.UNAUTHORIZED))
        .hasMessage("a bearer token is required");
  }

  @Test
  void theConfiguredBearerTokenAuthenticatesTheAdmin() {
    Authentication admin =
        new AdminTokenAuthentication(properties(TOKEN)).authenticate(presented(TOKEN));

    assertThat(admin.isAuthenticated()).isTrue();
    assertThat(admin.getName()).isEqualTo("admin");
    assertThat(admin.getCredentials()).isNull();
    assertThat(admin.getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactly("ROLE_ADMIN");
  }

  @Test
  void aRefusalIsAProblemDocumentAndAnUnauthorizedOneAsksForABearerToken() {
    var handler = new ProblemHandler();

    var unauthorized =
        handler.refused(
            new AdminAccessRefusedException(HttpStatus.UNAUTHORIZED, "say \"please\"\n"));
    var forbidden =
        handler.refused(new AdminAccessRefusedException(HttpStatus.FORBIDDEN, "disabled"));

    assertThat(unauthorized.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(unauthorized.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(unauthorized.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
        .isEqualTo("Bearer");
    assertThat(unauthorized.getBody().getDetail()).isEqualTo("say \"please\"\n");
    assertThat(unauthorized.getBody().getTitle()).isEqualTo("admin access refused");
    assertThat(forbidden.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(forbidden.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isNull();
  }

  private static Authentication presented(String token) {
    return UsernamePasswordAuthenticationToken.unauthenticated("admin", token);
  }

  private static AdminRefusals refusals(String token) {
    return new AdminRefusals(properties(token), (request, response, handler, e) -> null);
  }

  private static MockHttpServletRequest request(String authorization) {
    var request = new MockHttpServletRequest("GET", "/api/v1/breakers");
    if (authorization != null) {
      request.addHeader("Authorization", authorization);
    }
    return request;
  }

  private static GuardrailProperties properties(String token) {
    return new GuardrailProperties(null, token, true, Duration.ofSeconds(30), null);
  }
}
