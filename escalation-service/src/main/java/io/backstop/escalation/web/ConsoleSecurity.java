package io.backstop.escalation.web;

import io.backstop.escalation.EscalationProperties;
import io.backstop.escalation.EscalationProperties.Role;
import io.backstop.escalation.console.Refusals;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Who may do what. Three roles, each including the one before: a viewer reads everything, an
 * approver also approves and denies, an admin also resets breakers. Two filter chains:
 *
 * <ul>
 *   <li>{@code /api/**}: bearer tokens only, no session and no cookies read, so no CSRF exposure; a
 *       missing or bad token is a 401, a role short of the request a 403.
 *   <li>the console: form login against the local users (bcrypt hashes from configuration) and,
 *       when a client registration is configured, OIDC login; CSRF protection on every post; the
 *       session cookie is HttpOnly and SameSite (see {@code application.yml}).
 * </ul>
 *
 * Every refusal is audited ({@link RefusalHandlers}). Health and metrics stay open, as on every
 * other service; anything not listed needs at least the viewer role.
 */
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class ConsoleSecurity {

  private static final String[] OPEN = {
    "/css/**",
    "/js/**",
    "/webjars/**",
    "/login",
    "/favicon.ico",
    "/actuator/health",
    "/actuator/health/**",
    "/actuator/prometheus",
    "/actuator/info"
  };

  @Bean
  static RoleHierarchy roleHierarchy() {
    return RoleHierarchyImpl.withDefaultRolePrefix()
        .role(Role.ADMIN.name())
        .implies(Role.APPROVER.name())
        .role(Role.APPROVER.name())
        .implies(Role.VIEWER.name())
        .build();
  }

  @Bean
  RefusalHandlers refusalHandlers(Refusals refusals) {
    return new RefusalHandlers(refusals);
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  /** The local users; none configured means form login admits no one. */
  @Bean
  UserDetailsService consoleUsers(EscalationProperties properties) {
    List<org.springframework.security.core.userdetails.UserDetails> users =
        properties.console().users().stream()
            .map(
                u ->
                    User.withUsername(u.username())
                        .password(u.passwordHash())
                        .roles(u.role().name())
                        .build())
            .toList();
    return new InMemoryUserDetailsManager(users);
  }

  /**
   * Remembers where a person was going before the login page, for page views only: a background
   * request (htmx) is never remembered, so it never creates a session (see {@link
   * RefusalHandlers#console()}).
   */
  private static org.springframework.security.web.savedrequest.RequestCache navigationOnly() {
    var cache = new org.springframework.security.web.savedrequest.HttpSessionRequestCache();
    cache.setRequestMatcher(
        request ->
            HttpMethod.GET.matches(request.getMethod())
                && !RefusalHandlers.isBackground(request)
                && !request.getRequestURI().endsWith("/favicon.ico"));
    return cache;
  }

  @Bean
  @Order(1)
  SecurityFilterChain api(
      HttpSecurity http, EscalationProperties properties, RefusalHandlers refusals)
      throws Exception {
    var tokens = new ApiTokens(properties.console().tokens());
    http.securityMatcher("/api/**")
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(c -> c.disable())
        .securityContext(c -> c.requireExplicitSave(true))
        .addFilterBefore(
            new BearerTokenFilter(tokens, refusals.api()), AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(
            a ->
                a.requestMatchers(HttpMethod.GET, "/api/**")
                    .hasRole(Role.VIEWER.name())
                    .requestMatchers(
                        HttpMethod.POST, "/api/v1/approvals/*/approve", "/api/v1/approvals/*/deny")
                    .hasRole(Role.APPROVER.name())
                    .requestMatchers(HttpMethod.POST, "/api/v1/breakers/*/reset")
                    .hasRole(Role.ADMIN.name())
                    .anyRequest()
                    .denyAll())
        .exceptionHandling(
            e -> e.authenticationEntryPoint(refusals.api()).accessDeniedHandler(refusals.denied()));
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain console(
      HttpSecurity http,
      EscalationProperties properties,
      RefusalHandlers refusals,
      ObjectProvider<ClientRegistrationRepository> oidc)
      throws Exception {
    http.authorizeHttpRequests(
            a ->
                a.dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers(OPEN)
                    .permitAll()
                    .requestMatchers(HttpMethod.POST, "/approvals/*/decision")
                    .hasRole(Role.APPROVER.name())
                    .requestMatchers(HttpMethod.POST, "/breakers/*/reset")
                    .hasRole(Role.ADMIN.name())
                    .requestMatchers("/actuator/**")
                    .hasRole(Role.ADMIN.name())
                    .anyRequest()
                    .hasRole(Role.VIEWER.name()))
        .formLogin(
            f ->
                f.loginPage("/login")
                    .defaultSuccessUrl("/", false)
                    .failureHandler(refusals.loginFailed())
                    .permitAll())
        .logout(l -> l.logoutSuccessUrl("/login?logout").permitAll())
        .requestCache(c -> c.requestCache(navigationOnly()))
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(refusals.console())
                    .accessDeniedHandler(refusals.denied()))
        .headers(
            h ->
                h.contentSecurityPolicy(
                        c ->
                            c.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self';"
                                    + " script-src 'self'; connect-src 'self';"
                                    + " frame-ancestors 'none'; form-action 'self'; base-uri 'self'"))
                    .referrerPolicy(
                        r ->
                            r.policy(
                                org.springframework.security.web.header.writers
                                    .ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
    if (oidc.getIfAvailable() != null) {
      http.oauth2Login(
          o ->
              o.loginPage("/login")
                  .failureHandler(refusals.loginFailed())
                  .userInfoEndpoint(
                      u -> u.oidcUserService(new OidcRoles(properties.console().oidc()))));
    }
    return http.build();
  }
}
