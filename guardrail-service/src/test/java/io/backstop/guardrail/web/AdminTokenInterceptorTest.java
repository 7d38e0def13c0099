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
import org.springframework.mock.web.MockHttpServletResponse;

class AdminTokenInterceptorTest {

  private static final String TOKEN = "a-long-enough-admin-token";

  @Test
  void withNoTokenConfiguredEveryAdminRequestIsRefused() {
    var interceptor = new AdminTokenInterceptor(properties(null));

    assertThatThrownBy(
            () ->
                interceptor.preHandle(
                    request("Bearer " + TOKEN), new MockHttpServletResponse(), new Object()))
        .isInstanceOfSatisfying(
            AdminAccessRefusedException.class,
            e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN))
        .hasMessageContaining("no admin token is configured");
  }

  @Test
  void aMissingOrWrongBearerTokenIsRefused() {
    var interceptor = new AdminTokenInterceptor(properties(TOKEN));

    assertThatThrownBy(
            () -> interceptor.preHandle(request(null), new MockHttpServletResponse(), new Object()))
        .isInstanceOfSatisfying(
            AdminAccessRefusedException.class,
            e -> assertThat(e.status()).isEqualTo(HttpStatus.UNAUTHORIZED))
        .hasMessage("a bearer token is required");
    assertThatThrownBy(
            () ->
                interceptor.preHandle(
                    request("Bearer " + TOKEN + "x"), new MockHttpServletResponse(), new Object()))
        .isInstanceOfSatisfying(
            AdminAccessRefusedException.class,
            e -> assertThat(e.status()).isEqualTo(HttpStatus.UNAUTHORIZED))
        .hasMessage("the bearer token is not valid");
  }

  @Test
  void theConfiguredBearerTokenIsAdmitted() {
    var interceptor = new AdminTokenInterceptor(properties(TOKEN));

    assertThat(
            interceptor.preHandle(
                request("Bearer " + TOKEN), new MockHttpServletResponse(), new Object()))
        .isTrue();
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
