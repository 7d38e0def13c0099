package io.backstop.infra.ticket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tickets kept as files in one directory: {@code BKS-N.json} (what the server reads back on start)
 * and {@code BKS-N.md} (what a person reads). Creating a ticket for an incident that already has
 * one returns the existing ticket, so a client that retries a create never opens a second one.
 */
final class TicketStore {

  static final String PREFIX = "BKS-";

  private final Path dir;
  private final JsonMapper json;
  private final Clock clock;
  private final Map<String, Ticket> byId = new ConcurrentHashMap<>();

  TicketStore(Path dir, JsonMapper json, Clock clock) {
    this.dir = dir;
    this.json = json;
    this.clock = clock;
    load();
  }

  synchronized Ticket create(
      String incidentId, String title, String severity, String body, List<String> labels) {
    Optional<Ticket> existing = forIncident(incidentId);
    if (existing.isPresent()) {
      return existing.get();
    }
    String id = PREFIX + (byId.size() + 1);
    var now = clock.instant();
    Ticket ticket =
        new Ticket(id, incidentId, title, severity, "open", body, List.of(), labels, now, now);
    save(ticket);
    return ticket;
  }

  synchronized Optional<Ticket> update(String id, String comment, String body, String status) {
    Ticket ticket = byId.get(id);
    if (ticket == null) {
      return Optional.empty();
    }
    Ticket updated = ticket.updated(comment, body, status, clock.instant());
    save(updated);
    return Optional.of(updated);
  }

  Optional<Ticket> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  Optional<Ticket> forIncident(String incidentId) {
    return byId.values().stream().filter(t -> t.incidentId().equals(incidentId)).findFirst();
  }

  List<Ticket> all() {
    return byId.values().stream().sorted(Comparator.comparing(Ticket::createdAt)).toList();
  }

  private void save(Ticket ticket) {
    try {
      Files.writeString(dir.resolve(ticket.id() + ".json"), json.writeValueAsString(ticket));
      Files.writeString(
          dir.resolve(ticket.id() + ".md"), ticket.markdown(), StandardCharsets.UTF_8);
      byId.put(ticket.id(), ticket);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write ticket " + ticket.id() + " to " + dir, e);
    }
  }

  private void load() {
    try {
      Files.createDirectories(dir);
      try (Stream<Path> files = Files.list(dir)) {
        files
            .filter(f -> f.getFileName().toString().startsWith(PREFIX))
            .filter(f -> f.getFileName().toString().endsWith(".json"))
            .map(f -> json.readValue(f.toFile(), Ticket.class))
            .forEach(t -> byId.put(t.id(), t));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tickets from " + dir, e);
    }
  }
}
