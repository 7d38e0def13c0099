package io.backstop.escalation;

import io.backstop.escalation.console.ConsoleBoard;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code backstop.escalation}: where pages and tickets go and how hard to try. The pager URL and
 * routing key come from {@code BACKSTOP_ESCALATION_PAGER_URL} and {@code
 * BACKSTOP_ESCALATION_PAGER_ROUTING_KEY}; the MCP endpoint and token from {@code
 * BACKSTOP_ESCALATION_TICKET_URL} and {@code BACKSTOP_ESCALATION_TICKET_TOKEN}. {@code
 * ledgerMaxIncidents}: how many incidents' deliveries the service keeps in memory beside the audit
 * log (the most recently handled; {@link DeliveryLedger}).
 */
@Validated
@ConfigurationProperties("backstop.escalation")
public record EscalationProperties(
    @Valid @NotNull(message = "backstop.escalation.pager must be set") Pager pager,
    @Valid @NotNull(message = "backstop.escalation.ticket must be set") Ticket ticket,
    @NotNull(message = "backstop.escalation.audit-read-timeout must be set")
        Duration auditReadTimeout,
    @Valid Console console,
    Integer ledgerMaxIncidents) {

  public EscalationProperties {
    console = console == null ? Console.DEFAULT : console;
    ledgerMaxIncidents =
        ledgerMaxIncidents == null ? DeliveryLedger.DEFAULT_MAX_INCIDENTS : ledgerMaxIncidents;
    if (ledgerMaxIncidents < 1) {
      throw new IllegalArgumentException(
          "backstop.escalation.ledger-max-incidents must be at least 1, but was "
              + ledgerMaxIncidents);
    }
  }

  /**
   * The web console and its API. {@code publicUrl}: the address people reach it at, for the links
   * in pages and tickets (none: no links). {@code users}: local users with bcrypt hashes ({@code
   * {bcrypt}$2a$...}) and a role, for the local stack and small setups; OIDC login is enabled by
   * Spring Boot's {@code spring.security.oauth2.client.registration.*} and mapped to roles by
   * {@code oidc}. {@code tokens}: API bearer tokens, stored as the SHA-256 of the token (hex).
   * {@code guardrail}: the guardrail's admin API, for breakers and the policy try-out.
   */
  public record Console(
      URI publicUrl,
      List<@Valid User> users,
      List<@Valid Token> tokens,
      @Valid Oidc oidc,
      @Valid Guardrail guardrail,
      Integer maxIncidents) {

    static final Console DEFAULT = new Console(null, null, null, null, null, null);

    public Console {
      maxIncidents = maxIncidents == null ? ConsoleBoard.DEFAULT_MAX_INCIDENTS : maxIncidents;
      if (maxIncidents < 1) {
        throw new IllegalArgumentException(
            "backstop.escalation.console.max-incidents must be at least 1, but was "
                + maxIncidents);
      }
      publicUrl = publicUrl == null || publicUrl.toString().isBlank() ? null : publicUrl;
      users = users == null ? List.of() : List.copyOf(users);
      tokens = tokens == null ? List.of() : List.copyOf(tokens);
      oidc = oidc == null ? new Oidc(null, null, null) : oidc;
      guardrail = guardrail == null ? new Guardrail(null, null) : guardrail;
    }
  }

  /** A local user: name, password hash ({@code {bcrypt}...}), role. */
  public record User(
      @NotBlank(message = "console.users[].username must not be blank") String username,
      @NotBlank(message = "console.users[].password-hash must not be blank") String passwordHash,
      @NotNull(message = "console.users[].role must be viewer, approver or admin") Role role) {

    @Override
    public String toString() {
      return "User[" + username + ", " + role + ", password hash not shown]";
    }
  }

  /** An API bearer token: who it speaks for, the SHA-256 (hex) of the token, the role. */
  public record Token(
      @NotBlank(message = "console.tokens[].principal must not be blank") String principal,
      @NotBlank(message = "console.tokens[].sha256 must not be blank")
          @jakarta.validation.constraints.Pattern(
              regexp = "[0-9a-fA-F]{64}",
              message = "console.tokens[].sha256 must be 64 hex digits")
          String sha256,
      @NotNull(message = "console.tokens[].role must be viewer, approver or admin") Role role) {

    @Override
    public String toString() {
      return "Token[" + principal + ", " + role + ", hash not shown]";
    }
  }

  /**
   * OIDC users' names and roles: {@code principalClaim} names the person (default {@code
   * preferred_username}); {@code roleClaim} holds their groups (default {@code groups}); {@code
   * roles} maps a role to the groups that grant it. A person in no mapped group is refused.
   */
  public record Oidc(String principalClaim, String roleClaim, Map<Role, List<String>> roles) {

    public Oidc {
      principalClaim =
          principalClaim == null || principalClaim.isBlank()
              ? "preferred_username"
              : principalClaim;
      roleClaim = roleClaim == null || roleClaim.isBlank() ? "groups" : roleClaim;
      roles = roles == null ? Map.of() : Map.copyOf(roles);
    }
  }

  /** The guardrail's admin API: its address and bearer token (none: breakers and try-out off). */
  public record Guardrail(URI url, String adminToken) {

    public Guardrail {
      url = url == null || url.toString().isBlank() ? null : url;
    }

    public boolean configured() {
      return url != null && adminToken != null && !adminToken.isBlank();
    }

    @Override
    public String toString() {
      return "Guardrail[" + url + ", admin token " + (configured() ? "set" : "not set") + "]";
    }
  }

  /** What a person may do in the console: each role may do all the roles before it may. */
  public enum Role {
    VIEWER,
    APPROVER,
    ADMIN;

    public String authority() {
      return "ROLE_" + name();
    }
  }

  /** The Events v2 receiver. */
  public record Pager(
      @NotNull(message = "pager.url must be set") URI url,
      @NotBlank(message = "pager.routing-key must not be blank, but was '${validatedValue}'")
          String routingKey,
      @NotBlank(message = "pager.source must not be blank, but was '${validatedValue}'")
          String source,
      @NotNull(message = "pager.request-timeout must be set") Duration requestTimeout,
      @Valid @NotNull(message = "pager.retry must be set") Retry retry,
      List<Link> links,
      @Valid BackgroundRetry backgroundRetry) {

    public Pager {
      links = links == null ? List.of() : List.copyOf(links);
      backgroundRetry =
          backgroundRetry == null
              ? new BackgroundRetry(Duration.ofSeconds(10), Duration.ofMinutes(5))
              : backgroundRetry;
    }
  }

  /**
   * How a page the pager did not take is retried off the consumer thread: after {@code
   * initialBackoff}, doubling up to {@code maxBackoff}, until the pager takes it or refuses it.
   */
  public record BackgroundRetry(
      @NotNull(message = "pager.background-retry.initial-backoff must be set")
          Duration initialBackoff,
      @NotNull(message = "pager.background-retry.max-backoff must be set") Duration maxBackoff) {}

  /** A link shown on every page (a runbook, the Kafka UI). */
  public record Link(@NotBlank String href, @NotBlank String text) {}

  /** The MCP server and how our ticket fields map onto its tools. */
  public record Ticket(
      @NotNull(message = "ticket.url must be set") URI url,
      @NotBlank(message = "ticket.token must not be blank") String token,
      Map<String, String> headers,
      @NotNull(message = "ticket.request-timeout must be set") Duration requestTimeout,
      @Valid @NotNull(message = "ticket.retry must be set") Retry retry,
      @NotBlank(message = "ticket.create-tool must not be blank, but was '${validatedValue}'")
          String createTool,
      @NotBlank(message = "ticket.update-tool must not be blank, but was '${validatedValue}'")
          String updateTool,
      Map<String, String> createArguments,
      Map<String, String> updateArguments,
      Map<String, String> staticArguments,
      @NotBlank(message = "ticket.ref-field must not be blank, but was '${validatedValue}'")
          String refField,
      List<String> labels) {

    public Ticket {
      headers = headers == null ? Map.of() : Map.copyOf(headers);
      createArguments = createArguments == null ? Map.of() : Map.copyOf(createArguments);
      updateArguments = updateArguments == null ? Map.of() : Map.copyOf(updateArguments);
      staticArguments = staticArguments == null ? Map.of() : Map.copyOf(staticArguments);
      labels = labels == null ? List.of() : List.copyOf(labels);
    }
  }

  /** Bounded retries; the worst case must stay well inside the consumer's poll interval. */
  public record Retry(
      @Min(
              value = 1,
              message = "retry.max-attempts must be between 1 and 10, but was ${validatedValue}")
          @Max(
              value = 10,
              message = "retry.max-attempts must be between 1 and 10, but was ${validatedValue}")
          int maxAttempts,
      @NotNull(message = "retry.initial-backoff must be set") Duration initialBackoff,
      @NotNull(message = "retry.max-backoff must be set") Duration maxBackoff,
      @NotNull(message = "retry.max-retry-after must be set") Duration maxRetryAfter) {

    /** These bounds, the waits scheduled on {@code scheduler}. */
    public Retries retries(java.util.concurrent.ScheduledExecutorService scheduler) {
      return new Retries(maxAttempts, initialBackoff, maxBackoff, maxRetryAfter, scheduler);
    }
  }
}
