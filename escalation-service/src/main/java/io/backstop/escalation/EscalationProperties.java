package io.backstop.escalation;

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
 * BACKSTOP_ESCALATION_TICKET_URL} and {@code BACKSTOP_ESCALATION_TICKET_TOKEN}.
 */
@Validated
@ConfigurationProperties("backstop.escalation")
public record EscalationProperties(
    @Valid @NotNull(message = "backstop.escalation.pager must be set") Pager pager,
    @Valid @NotNull(message = "backstop.escalation.ticket must be set") Ticket ticket,
    @NotNull(message = "backstop.escalation.audit-read-timeout must be set")
        Duration auditReadTimeout) {

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

    public RetryPolicy policy() {
      return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxRetryAfter);
    }
  }
}
