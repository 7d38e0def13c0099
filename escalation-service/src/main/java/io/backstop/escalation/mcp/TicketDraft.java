package io.backstop.escalation.mcp;

import java.util.List;

/** A new ticket in our terms; {@link ToolMapping} turns it into the server's tool arguments. */
public record TicketDraft(
    String incident, String title, String body, String severity, List<String> labels) {

  public TicketDraft {
    labels = List.copyOf(labels);
  }
}
