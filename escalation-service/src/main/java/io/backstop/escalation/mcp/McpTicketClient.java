package io.backstop.escalation.mcp;

import io.backstop.escalation.Retries;
import io.backstop.events.codec.EventCodec;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens and updates tickets through an MCP server over streamable HTTP with a bearer token: an MCP
 * gateway (TrueFoundry's in production) in front of Jira, GitHub or ServiceNow, or the local ticket
 * server. The session is opened on first use and re-opened after a failure; each call is retried
 * ({@link Retries}) and then fails with a {@link TicketException}, which the caller dead-letters.
 * Tool errors (the server said no) are not retried.
 */
public final class McpTicketClient implements AutoCloseable {

  private final URI endpoint;
  private final String token;
  private final Map<String, String> headers;
  private final Duration requestTimeout;
  private final ToolMapping mapping;
  private final Retries retries;
  private McpSyncClient session;

  public McpTicketClient(
      URI endpoint, String token, Duration requestTimeout, ToolMapping mapping, Retries retries) {
    this(endpoint, token, Map.of(), requestTimeout, mapping, retries);
  }

  /** {@code headers} are sent on every request besides the bearer token (a gateway's own). */
  public McpTicketClient(
      URI endpoint,
      String token,
      Map<String, String> headers,
      Duration requestTimeout,
      ToolMapping mapping,
      Retries retries) {
    this.endpoint = endpoint;
    this.token = token;
    this.headers = Map.copyOf(headers);
    this.requestTimeout = requestTimeout;
    this.mapping = mapping;
    this.retries = retries;
  }

  /** Creates the ticket and returns the server's reference to it. */
  public Outcome create(TicketDraft draft) {
    Call call = call(mapping.createTool(), mapping.createArguments(draft));
    String ref =
        reference(call.result())
            .orElseThrow(
                () ->
                    new TicketException(
                        mapping.createTool(),
                        call.attempts(),
                        "the result has no '" + mapping.refField() + "': " + text(call.result()),
                        null));
    return new Outcome(ref, call.attempts());
  }

  public Outcome update(TicketChange change) {
    Call call = call(mapping.updateTool(), mapping.updateArguments(change));
    return new Outcome(change.ticket(), call.attempts());
  }

  /** The ticket reference and how many attempts it took. */
  public record Outcome(String ref, int attempts) {}

  private record Call(CallToolResult result, int attempts) {}

  private Call call(String tool, Map<String, Object> arguments) {
    AtomicInteger attempts = new AtomicInteger();
    CallToolResult result;
    try {
      result =
          retries.run(
              "ticket " + tool,
              requestTimeout.multipliedBy(3),
              () -> {
                attempts.incrementAndGet();
                try {
                  return session().callTool(new CallToolRequest(tool, arguments));
                } catch (RuntimeException e) {
                  reset();
                  throw e;
                }
              },
              r -> false,
              r -> Optional.empty(),
              e -> true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TicketException(tool, attempts.get(), "interrupted while retrying", e);
    } catch (RuntimeException e) {
      throw new TicketException(
          tool,
          attempts.get(),
          "no answer after " + attempts.get() + " attempts: " + e.getMessage(),
          e);
    }
    if (Boolean.TRUE.equals(result.isError())) {
      throw new TicketException(
          tool, attempts.get(), "the server answered a tool error: " + text(result), null);
    }
    return new Call(result, attempts.get());
  }

  private synchronized McpSyncClient session() {
    if (session == null) {
      String url = endpoint.toString();
      String base = url.substring(0, url.length() - endpoint.getRawPath().length());
      var transport =
          HttpClientStreamableHttpTransport.builder(base)
              .endpoint(endpoint.getRawPath())
              .connectTimeout(requestTimeout)
              .requestBuilder(requestTemplate())
              .build();
      McpSyncClient client =
          McpClient.sync(transport)
              .requestTimeout(requestTimeout)
              .initializationTimeout(requestTimeout)
              .build();
      try {
        client.initialize();
      } catch (RuntimeException e) {
        client.close();
        throw e;
      }
      session = client;
    }
    return session;
  }

  private HttpRequest.Builder requestTemplate() {
    HttpRequest.Builder template = HttpRequest.newBuilder();
    headers.forEach(template::header);
    return template.header("Authorization", "Bearer " + token);
  }

  private synchronized void reset() {
    if (session != null) {
      session.close();
      session = null;
    }
  }

  /** The ticket reference: from structured content, else from JSON text content. */
  Optional<String> reference(CallToolResult result) {
    Object structured = result.structuredContent();
    if (structured == null) {
      String text = text(result);
      try {
        structured = EventCodec.mapper().readValue(text, Map.class);
      } catch (RuntimeException notJson) {
        return Optional.empty();
      }
    }
    Object value = structured;
    for (String part : mapping.refField().split("\\.")) {
      if (!(value instanceof Map<?, ?> map)) {
        return Optional.empty();
      }
      value = map.get(part);
    }
    return value == null ? Optional.empty() : Optional.of(value.toString());
  }

  private static String text(CallToolResult result) {
    StringBuilder text = new StringBuilder();
    for (Content c : result.content() == null ? java.util.List.<Content>of() : result.content()) {
      if (c instanceof TextContent t) {
        text.append(t.text());
      }
    }
    return text.toString();
  }

  @Override
  public void close() {
    reset();
  }
}
