package io.backstop.guardrail.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.guardrail.GuardrailProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class AdminTokenInterceptorTest {

  private static final String TOKEN = "a-long-enough-admin-token";

  @Test
  void withNoTokenConfiguredEveryAdminRequestIsRefused() throws Exception {
    var interceptor = new AdminTokenInterceptor(properties(null));
    var response = new MockHttpServletResponse();

    boolean admitted = interceptor.preHandle(request("Bearer " + TOKEN), response, new Object());

    assertThat(admitted).isFalse();
    assertThat(response.getStatus()).isEqualTo(403);
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
  }

  @Test
  void aMissingOrWrongBearerTokenIsRefused() throws Exception {
    var interceptor = new AdminTokenInterceptor(properties(TOKEN));
    var missing = new MockHttpServletResponse();
    var wrong = new MockHttpServletResponse();

    assertThat(interceptor.preHandle(request(null), missing, new Object())).isFalse();
    assertThat(interceptor.preHandle(request("Bearer " + TOKEN + "x"), wrong, new Object()))
        .isFalse();
    assertThat(missing.getStatus()).isEqualTo(401);
    assertThat(wrong.getStatus()).isEqualTo(401);
  }

  @Test
  void theConfiguredBearerTokenIsAdmitted() throws Exception {
    var interceptor = new AdminTokenInterceptor(properties(TOKEN));

    assertThat(
            interceptor.preHandle(
                request("Bearer " + TOKEN), new MockHttpServletResponse(), new Object()))
        .isTrue();
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
