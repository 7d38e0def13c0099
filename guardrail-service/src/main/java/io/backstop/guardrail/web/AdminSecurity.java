package io.backstop.guardrail.web;

import io.backstop.guardrail.GuardrailProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The admin endpoints (the breakers) behind Spring Security: a bearer token authenticates the admin
 * ({@link AdminTokenAuthentication}), the one role there is may read and reset breakers, and no
 * session, cookie or CSRF token is involved. Every refusal is a problem document written by {@link
 * ProblemHandler} ({@link AdminRefusals}). Requests outside the admin paths (the what-if
 * evaluation, health, metrics) are not matched by this chain and stay as open as before.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class AdminSecurity {

  static final String ADMIN = "ADMIN";

  /**
   * The token check, also as a bean: with an {@code AuthenticationProvider} of its own the service
   * gets no generated default user (and no password in its log).
   */
  @Bean
  AdminTokenAuthentication adminTokenAuthentication(GuardrailProperties properties) {
    return new AdminTokenAuthentication(properties);
  }

  @Bean
  SecurityFilterChain admin(
      HttpSecurity http,
      GuardrailProperties properties,
      AdminTokenAuthentication tokens,
      @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems)
      throws Exception {
    AdminRefusals refusals = new AdminRefusals(properties, problems);
    AuthenticationFilter bearer =
        new AuthenticationFilter(new ProviderManager(tokens), AdminTokenAuthentication::fromHeader);
    bearer.setSuccessHandler((request, response, admin) -> {});
    bearer.setFailureHandler(new AuthenticationEntryPointFailureHandler(refusals));
    http.securityMatcher("/api/v1/breakers", "/api/v1/breakers/**")
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(c -> c.disable())
        .addFilterBefore(bearer, AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(a -> a.anyRequest().hasRole(ADMIN))
        .exceptionHandling(e -> e.authenticationEntryPoint(refusals).accessDeniedHandler(refusals));
    return http.build();
  }
}
