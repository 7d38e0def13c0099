package io.backstop.escalation.console;

import io.backstop.events.EventHeader;
import io.backstop.events.RequestRefused;
import io.backstop.events.Stage;
import io.backstop.events.approval.RefusalReason;
import io.backstop.events.id.ActionId;
import io.backstop.events.id.EventId;
import io.backstop.events.id.IncidentId;
import io.backstop.stream.EventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts every request the console turns away on the audit log as a {@link RequestRefused}: who asked
 * (or {@code anonymous}), from where, what, and why (unauthenticated, forbidden, CSRF, an unknown
 * or closed approval). A refusal about an approval is filed under its incident, so it shows on that
 * incident's timeline; any other under the incident {@value #CONSOLE_INCIDENT}. If the audit cannot
 * be written the refusal still stands (it is logged at ERROR): a refusal never turns into an allow.
 */
public final class Refusals {

  /** The incident that holds refusals which name no approval. */
  public static final String CONSOLE_INCIDENT = "console";

  private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);

  private final EventPublisher publisher;
  private final ConsoleBoard board;
  private final Clock clock;

  public Refusals(EventPublisher publisher, ConsoleBoard board, Clock clock) {
    this.publisher = publisher;
    this.board = board;
    this.clock = clock;
  }

  /** Records one refusal; returns it as written, or empty when the audit could not be written. */
  public Optional<RequestRefused> record(
      String principal,
      String origin,
      String request,
      Optional<ActionId> approval,
      RefusalReason reason,
      String detail) {
    Instant now = clock.instant();
    IncidentId incident =
        approval
            .flatMap(board::approval)
            .map(a -> a.request().incidentId())
            .orElse(IncidentId.of(CONSOLE_INCIDENT));
    EventId origin0 = EventId.external("console-refusal|" + UUID.randomUUID());
    EventHeader header =
        new EventHeader(
            EventId.derive(origin0, Stage.ESCALATION.name(), "RequestRefused", 1),
            incident,
            origin0,
            Stage.ESCALATION,
            now,
            1,
            null,
            null);
    RequestRefused refused =
        new RequestRefused(
            header,
            approval.orElse(null),
            principal,
            origin,
            truncate(request, 200),
            reason,
            truncate(detail, 500));
    try {
      return Optional.of(publisher.record(refused));
    } catch (RuntimeException e) {
      LOG.error(
          "could not audit a refusal ({} {} by {}): {}", reason, request, principal, e.toString());
      return Optional.empty();
    }
  }

  private static String truncate(String text, int max) {
    if (text == null) {
      return "";
    }
    return text.length() <= max ? text : text.substring(0, max) + "…";
  }
}
