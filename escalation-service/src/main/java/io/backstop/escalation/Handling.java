package io.backstop.escalation;

import io.backstop.escalation.DeadLetters.Undelivered;
import io.backstop.escalation.bundle.IncidentBundle;
import io.backstop.escalation.mcp.McpTicketClient;
import io.backstop.escalation.mcp.TicketChange;
import io.backstop.escalation.mcp.TicketDraft;
import io.backstop.escalation.mcp.TicketException;
import io.backstop.escalation.paging.ChangeEvent;
import io.backstop.escalation.paging.PageResult;
import io.backstop.escalation.paging.PagerEvent;
import io.backstop.events.EscalationDelivered;
import io.backstop.events.EventHeader;
import io.backstop.events.IncidentEvent;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.escalation.Channel;
import io.backstop.events.escalation.DeliveryStatus;
import io.backstop.events.id.EventId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliveries for one source event: each attempted once, skipped when already done. What they
 * produce (the EscalationDelivered records, the dead letters) is only collected while the slow
 * calls to the pager and the ticket server run, and sent at the end ({@link #flush}): inside the
 * consumer's transaction nothing is sent before the last slow call, so the broker-side transaction
 * lasts as long as the sends, never as long as a slow receiver (a transaction left open longer than
 * {@code transaction.timeout.ms} is aborted by the broker, and its commit then fails with an {@code
 * InvalidTxnStateException}).
 */
final class Handling {

  private static final Logger log = LoggerFactory.getLogger(Escalator.class);

  private final Collaborators c;
  private final IncidentEvent source;
  private final byte[] received;
  private final String inputTopic;
  private final List<IncidentEvent> events;
  private final List<IncidentEvent> outbox = new ArrayList<>();
  private final List<EventId> made = new ArrayList<>();
  private final List<Undelivered> deadLetters = new ArrayList<>();
  private boolean pageOwed;

  Handling(
      Collaborators c,
      IncidentEvent source,
      byte[] received,
      String inputTopic,
      List<IncidentEvent> events) {
    this.c = c;
    this.source = source;
    this.received = received.clone();
    this.inputTopic = inputTopic;
    this.events = new ArrayList<>(events);
  }

  /** The incident's record as this handling knows it: the audit log, the source, its deliveries. */
  List<IncidentEvent> events() {
    return List.copyOf(events);
  }

  IncidentBundle bundle() {
    return c.renderer().render(source.incidentId(), events);
  }

  /** Whether a page of this source is still owed after this handling (retried in background). */
  boolean pageOwed() {
    return pageOwed;
  }

  /**
   * Sends one page. Delivered: recorded DELIVERED. Refused by the pager (the request itself is
   * wrong): dead-lettered and recorded DEAD_LETTERED. Not taken (down, slow, busy), or an earlier
   * page of the incident still owed: recorded PENDING, visible on the incident's record, and owed
   * to {@link PageRetries}, which handles the source again later; never dropped.
   */
  void page(String operation, Escalator.PageRequest request) {
    EventHeader header = header(Channel.PAGE, operation);
    if (alreadyDone(header)) {
      return;
    }
    if (c.pages().waitsBehind(source.incidentId(), source.eventId())) {
      owePage(
          operation, source.incidentId().value(), 0, "waiting for an earlier page of the incident");
      return;
    }
    PagerEvent built = request.build();
    PagerEvent page =
        c.ledger()
            .ticket(source.incidentId())
            .map(t -> built.withDetail("ticket", t))
            .orElse(built);
    PageResult result = c.pager().send(page);
    if (result.delivered() || result.refused()) {
      if (result.refused()) {
        String body = EventCodec.mapper().writeValueAsString(page.body());
        deadLetter(Channel.PAGE, operation, body, result.detail(), result.attempts());
      }
      record(
          header,
          Channel.PAGE,
          operation,
          page.dedupKey(),
          result.delivered(),
          result.attempts(),
          result.detail());
      return;
    }
    owePage(operation, page.dedupKey(), result.attempts(), result.detail());
  }

  /**
   * Sends one change event (a write Backstop made, for the service's change timeline), once per
   * source. It wakes no one, so it is not owed to the background retries: after the client's own
   * retries it is recorded, and if not taken, dead-lettered with the request.
   */
  void change(java.util.function.Supplier<ChangeEvent> request) {
    EventHeader header = header(Channel.PAGE, Operations.CHANGE);
    if (alreadyDone(header)) {
      return;
    }
    ChangeEvent change = request.get();
    PageResult result = c.pager().sendChange(change);
    if (!result.delivered()) {
      String body = EventCodec.mapper().writeValueAsString(change.body());
      deadLetter(Channel.PAGE, Operations.CHANGE, body, result.detail(), result.attempts());
    }
    record(
        header,
        Channel.PAGE,
        Operations.CHANGE,
        source.incidentId().value(),
        result.delivered(),
        result.attempts(),
        result.detail());
  }

  private void owePage(String operation, String dedupKey, int attempts, String detail) {
    pageOwed = true;
    log.warn(
        "PAGE {} for incident {} (source {} {}) not delivered yet: {}; retrying in the background",
        operation,
        source.incidentId(),
        source.eventType(),
        source.eventId(),
        detail);
    EscalationDelivered pending =
        new EscalationDelivered(
            Operations.pendingHeader(source, Channel.PAGE, operation, c.clock().instant()),
            Channel.PAGE,
            operation,
            dedupKey,
            DeliveryStatus.PENDING,
            attempts,
            detail);
    outbox.add(pending);
    made.add(pending.eventId());
    c.pages().owe(source, received, inputTopic);
  }

  /**
   * Sends what this handling produced, all at the end: the dead letters, then every record. Inside
   * a consumer's transaction they join it; elsewhere (a background retry) they commit in one
   * transaction of the publisher's own. Returns the records this handling made, as published (not
   * the records of earlier deliveries written again after a rolled-back transaction).
   */
  List<EscalationDelivered> flush() {
    deadLetters.forEach(c.deadLetters()::deadLetter);
    deadLetters.clear();
    List<EscalationDelivered> published = new ArrayList<>();
    for (IncidentEvent event : outbox) {
      IncidentEvent sent = c.publisher().publish(event);
      if (sent instanceof EscalationDelivered d && made.contains(d.eventId())) {
        published.add(d);
      }
    }
    outbox.clear();
    made.clear();
    return published;
  }

  /** Opens the incident's ticket if it has none, else updates it; resolves it when asked. */
  void ticket(String title, String severity, String comment, String status, String label) {
    Optional<String> ticket = c.ledger().ticket(source.incidentId());
    boolean createdByThisEvent = alreadyDone(header(Channel.TICKET, Operations.CREATE_TICKET));
    if (createdByThisEvent && status == null) {
      return;
    }
    if (ticket.isEmpty()) {
      ticket = create(title, severity, label);
      if (ticket.isEmpty() || status == null) {
        return;
      }
    }
    update(ticket.get(), comment, status);
  }

  private Optional<String> create(String title, String severity, String label) {
    EventHeader header = header(Channel.TICKET, Operations.CREATE_TICKET);
    if (alreadyDone(header)) {
      return c.ledger().ticket(source.incidentId());
    }
    List<String> labels = new ArrayList<>(c.ticketLabels());
    labels.add(label);
    String body = bundle().markdown();
    var draft = new TicketDraft(source.incidentId().value(), title, body, severity, labels);
    try {
      McpTicketClient.Outcome outcome = c.tickets().create(draft);
      record(
          header,
          Channel.TICKET,
          Operations.CREATE_TICKET,
          outcome.ref(),
          true,
          outcome.attempts(),
          title);
      return Optional.of(outcome.ref());
    } catch (TicketException e) {
      failed(
          header,
          Operations.CREATE_TICKET,
          null,
          e,
          Map.of("title", title, "severity", severity, "labels", labels, "body", body));
      return Optional.empty();
    }
  }

  private void update(String ticket, String comment, String status) {
    EventHeader header = header(Channel.TICKET, Operations.UPDATE_TICKET);
    if (alreadyDone(header)) {
      return;
    }
    String body = bundle().markdown();
    try {
      McpTicketClient.Outcome outcome =
          c.tickets().update(new TicketChange(ticket, comment, body, status));
      record(
          header,
          Channel.TICKET,
          Operations.UPDATE_TICKET,
          ticket,
          true,
          outcome.attempts(),
          comment);
    } catch (TicketException e) {
      Map<String, Object> request = new java.util.LinkedHashMap<>();
      request.put("ticket", ticket);
      request.put("comment", comment);
      request.put("status", status);
      request.put("body", body);
      failed(header, Operations.UPDATE_TICKET, ticket, e, request);
    }
  }

  private void failed(
      EventHeader header, String operation, String ref, TicketException e, Map<String, ?> request) {
    String payload = EventCodec.mapper().writeValueAsString(request);
    deadLetter(Channel.TICKET, operation, payload, e.getMessage(), e.attempts());
    record(header, Channel.TICKET, operation, ref, false, e.attempts(), e.getMessage());
  }

  private void deadLetter(
      Channel channel, String operation, String request, String error, int attempts) {
    log.error(
        "UNDELIVERED {} {} for incident {} (source {} {}) after {} attempts: {}; dead-lettered to"
            + " {}.dlq",
        channel,
        operation,
        source.incidentId(),
        source.eventType(),
        source.eventId(),
        attempts,
        error,
        inputTopic);
    deadLetters.add(
        new Undelivered(
            source, received, inputTopic, channel, operation, request, error, attempts));
  }

  private void record(
      EventHeader header,
      Channel channel,
      String operation,
      String ref,
      boolean ok,
      int attempts,
      String detail) {
    EscalationDelivered event =
        new EscalationDelivered(
            header,
            channel,
            operation,
            ref,
            ok ? DeliveryStatus.DELIVERED : DeliveryStatus.DEAD_LETTERED,
            attempts,
            detail);
    EscalationDelivered sealed = io.backstop.events.codec.EventCodec.seal(event);
    c.ledger().apply(sealed);
    outbox.add(sealed);
    made.add(sealed.eventId());
    events.add(sealed);
  }

  /**
   * Whether this delivery was already made. If its record is not on the audit log yet (the
   * transaction that carried it rolled back), the same record is written again now.
   */
  private boolean alreadyDone(EventHeader header) {
    if (!c.ledger().done(source.incidentId(), header.eventId())) {
      return false;
    }
    c.ledger().uncommitted(source.incidentId(), header.eventId()).ifPresent(outbox::add);
    return true;
  }

  private EventHeader header(Channel channel, String operation) {
    return Operations.deliveryHeader(source, channel, operation, c.clock().instant());
  }
}
