package io.backstop.cli.audit;

import io.backstop.events.IncidentEvent;
import io.backstop.events.audit.ChainBreak;
import io.backstop.events.audit.ChainVerification;
import io.backstop.events.audit.Timeline;
import io.backstop.stream.audit.UnreadableRecord;
import java.util.List;
import java.util.Optional;

/** Plain-text rendering of timelines and chain verifications for the terminal. */
final class TimelineText {

  private TimelineText() {}

  static String listHeader() {
    return String.format(
        "%-36s %6s  %-20s  %-20s  %s", "INCIDENT", "EVENTS", "FIRST", "LAST EVENT", "CHAIN");
  }

  static String listRow(Timeline timeline) {
    List<IncidentEvent> events = timeline.events();
    IncidentEvent first = events.get(0);
    IncidentEvent last = events.get(events.size() - 1);
    return String.format(
        "%-36s %6d  %-20s  %-20s  %s",
        timeline.incident().value(),
        events.size(),
        first.header().occurredAt(),
        last.eventType(),
        chain(timeline.verify()));
  }

  static String chain(ChainVerification verification) {
    return verification
        .firstBreak()
        .map(b -> "BROKEN at " + b.eventType() + " " + b.eventId() + ": " + b.reason())
        .orElse("intact");
  }

  static String eventLine(IncidentEvent event, Optional<ChainBreak> broken) {
    boolean isBreak = broken.isPresent() && broken.get().eventId().equals(event.eventId());
    return String.format(
        "%s %-20s  %-10s %-20s attempt %d  %s",
        isBreak ? "!!" : "  ",
        event.header().occurredAt(),
        event.header().stage(),
        event.eventType(),
        event.header().attempt(),
        event.eventId());
  }

  static String verification(ChainVerification verification) {
    return verification
        .firstBreak()
        .map(b -> "hash chain: BROKEN at " + b + "")
        .orElse("hash chain: intact (" + verification.eventsChecked() + " events verified)");
  }

  static String unreadable(UnreadableRecord record) {
    return "unreadable audit record at partition "
        + record.partition()
        + " offset "
        + record.offset()
        + " (key "
        + record.key()
        + "): "
        + record.reason();
  }
}
