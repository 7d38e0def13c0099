package io.backstop.infra.ticket;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * The four tools: {@code create_ticket}, {@code update_ticket}, {@code get_ticket} and {@code
 * list_tickets}. Each answers with the ticket as structured content and as JSON text; a bad call
 * (missing argument, unknown ticket) is a tool error the model or client can read, not a crash.
 */
final class TicketTools {

  private final TicketStore store;
  private final JsonMapper json;

  TicketTools(TicketStore store, JsonMapper json) {
    this.store = store;
    this.json = json;
  }

  List<SyncToolSpecification> all() {
    return List.of(
        tool(
            "create_ticket",
            "Open a ticket for an incident; returns the incident's existing ticket if it has one.",
            schema(
                Map.of(
                    "incident_id", string("the incident this ticket tracks"),
                    "title", string("one-line title"),
                    "body", string("Markdown body"),
                    "severity", string("critical, error, warning or info"),
                    "labels", Map.of("type", "array", "items", Map.of("type", "string"))),
                List.of("incident_id", "title")),
            this::create),
        tool(
            "update_ticket",
            "Append a comment to a ticket, optionally replacing its body or status.",
            schema(
                Map.of(
                    "ticket_id", string("the ticket id, e.g. BKS-1"),
                    "comment", string("Markdown comment to append"),
                    "body", string("new Markdown body"),
                    "status", string("open or resolved")),
                List.of("ticket_id")),
            this::update),
        tool(
            "get_ticket",
            "Read one ticket with its comments.",
            schema(Map.of("ticket_id", string("the ticket id")), List.of("ticket_id")),
            args -> found(store.get(text(args, "ticket_id")), args)),
        tool(
            "list_tickets",
            "List every ticket.",
            schema(Map.of(), List.of()),
            args -> ok(Map.of("tickets", store.all()))));
  }

  private CallToolResult create(Map<String, Object> args) {
    Ticket ticket =
        store.create(
            text(args, "incident_id"),
            text(args, "title"),
            optional(args, "severity", "critical"),
            optional(args, "body", ""),
            labels(args.get("labels")));
    return ok(ticket);
  }

  private CallToolResult update(Map<String, Object> args) {
    Optional<Ticket> updated =
        store.update(
            text(args, "ticket_id"),
            optional(args, "comment", null),
            optional(args, "body", null),
            optional(args, "status", null));
    return found(updated, args);
  }

  private CallToolResult found(Optional<Ticket> ticket, Map<String, Object> args) {
    return ticket
        .map(this::ok)
        .orElseGet(() -> error("no ticket with ticket_id '" + args.get("ticket_id") + "'"));
  }

  private CallToolResult ok(Object value) {
    return CallToolResult.builder()
        .addTextContent(json.writeValueAsString(value))
        .structuredContent(json.convertValue(value, Map.class))
        .isError(false)
        .build();
  }

  private static CallToolResult error(String message) {
    return CallToolResult.builder().addTextContent(message).isError(true).build();
  }

  private SyncToolSpecification tool(
      String name,
      String description,
      Map<String, Object> schema,
      Function<Map<String, Object>, CallToolResult> handler) {
    Tool tool = Tool.builder().name(name).description(description).inputSchema(schema).build();
    return SyncToolSpecification.builder()
        .tool(tool)
        .callHandler((exchange, request) -> call(handler, request))
        .build();
  }

  private static CallToolResult call(
      Function<Map<String, Object>, CallToolResult> handler, CallToolRequest request) {
    try {
      return handler.apply(request.arguments() == null ? Map.of() : request.arguments());
    } catch (IllegalArgumentException e) {
      return error(e.getMessage());
    }
  }

  private static Map<String, Object> schema(Map<String, Object> properties, List<String> required) {
    return Map.of("type", "object", "properties", properties, "required", required);
  }

  private static Map<String, Object> string(String description) {
    return Map.of("type", "string", "description", description);
  }

  private static String text(Map<String, Object> args, String name) {
    Object value = args.get(name);
    if (value == null || value.toString().isBlank()) {
      throw new IllegalArgumentException("missing required argument '" + name + "'");
    }
    return value.toString();
  }

  private static String optional(Map<String, Object> args, String name, String fallback) {
    Object value = args.get(name);
    return value == null ? fallback : value.toString();
  }

  private static List<String> labels(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return value == null ? List.of() : List.of(value.toString().split(","));
  }
}
