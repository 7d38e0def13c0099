package io.backstop.escalation.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How our ticket fields become a given MCP server's tool calls. Jira, GitHub and ServiceNow servers
 * name their tools and arguments differently, so both are configuration: the tool names, a map from
 * our field names ({@code incident}, {@code title}, {@code body}, {@code severity}, {@code labels};
 * {@code ticket}, {@code comment}, {@code body}, {@code status}) to the server's argument names (a
 * field left out of the map is not sent), static extra arguments (a Jira project key, a GitHub
 * repository), and where in the create result the ticket reference is ({@code key}, {@code number},
 * or a dotted path such as {@code issue.key}).
 */
public record ToolMapping(
    String createTool,
    String updateTool,
    Map<String, String> createArguments,
    Map<String, String> updateArguments,
    Map<String, Object> staticArguments,
    String refField) {

  public ToolMapping {
    createArguments = Map.copyOf(createArguments);
    updateArguments = Map.copyOf(updateArguments);
    staticArguments = Map.copyOf(staticArguments);
  }

  /** The mapping for the local ticket MCP server (and any server using the same names). */
  public static ToolMapping local() {
    return new ToolMapping(
        "create_ticket",
        "update_ticket",
        Map.of(
            "incident", "incident_id",
            "title", "title",
            "body", "body",
            "severity", "severity",
            "labels", "labels"),
        Map.of("ticket", "ticket_id", "comment", "comment", "body", "body", "status", "status"),
        Map.of(),
        "id");
  }

  Map<String, Object> createArguments(TicketDraft draft) {
    Map<String, Object> ours = new LinkedHashMap<>();
    ours.put("incident", draft.incident());
    ours.put("title", draft.title());
    ours.put("body", draft.body());
    ours.put("severity", draft.severity());
    ours.put("labels", List.copyOf(draft.labels()));
    return map(ours, createArguments);
  }

  Map<String, Object> updateArguments(TicketChange change) {
    Map<String, Object> ours = new LinkedHashMap<>();
    ours.put("ticket", change.ticket());
    ours.put("comment", change.comment());
    ours.put("body", change.body());
    ours.put("status", change.status());
    return map(ours, updateArguments);
  }

  private Map<String, Object> map(Map<String, Object> ours, Map<String, String> names) {
    Map<String, Object> theirs = new LinkedHashMap<>(staticArguments);
    ours.forEach(
        (field, value) -> {
          String name = names.get(field);
          if (name != null && !name.isBlank() && value != null) {
            theirs.put(name, value);
          }
        });
    return theirs;
  }
}
