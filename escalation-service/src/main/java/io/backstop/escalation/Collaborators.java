package io.backstop.escalation;

import io.backstop.escalation.bundle.BundleRenderer;
import io.backstop.escalation.mcp.McpTicketClient;
import io.backstop.escalation.paging.EventsV2Client;
import io.backstop.escalation.paging.PageComposer;
import io.backstop.stream.EventPublisher;
import java.time.Clock;
import java.util.List;

/**
 * What the {@link Escalator} works with: the record, the channels, the ledger, the clock and the
 * pages still owed.
 */
public record Collaborators(
    IncidentHistory history,
    BundleRenderer renderer,
    PageComposer composer,
    EventsV2Client pager,
    McpTicketClient tickets,
    DeliveryLedger ledger,
    DeadLetters deadLetters,
    EventPublisher publisher,
    List<String> ticketLabels,
    Clock clock,
    PageRetries pages) {

  public Collaborators {
    ticketLabels = List.copyOf(ticketLabels);
  }
}
