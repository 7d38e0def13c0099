package io.backstop.escalation;

import io.backstop.events.Escalated;
import io.backstop.events.EventHeader;
import io.backstop.events.Stage;
import io.backstop.events.Topics;
import io.backstop.events.alert.AlertSeverity;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.events.id.EventId;
import io.backstop.events.id.IncidentId;
import io.backstop.redaction.Redactor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a person must hear about one record a hop dead-lettered: which record (topic, partition,
 * offset), of which incident (from the record key {@code incidentId} or {@code incidentId/eventId},
 * else the value's {@code header.incidentId}, else a named unknown incident of its own), of which
 * event type (the {@code ce_type} header or the value's {@code type} field, else "an unreadable
 * record"), and why (the dead letter's error class and message, clipped and redacted). Nothing in
 * the record can make it throw: every part that does not parse has a named fallback.
 *
 * <p>It becomes an {@link Escalated} ({@code INTERNAL_ERROR}) that is never published: the {@link
 * Escalator} delivers it as it delivers any escalation (page with dedup key = incident id, ticket
 * opened or updated). Its event id is derived from topic, partition and offset, so the deliveries
 * of one dead-lettered record have fixed ids and a replay or a restart delivers nothing twice.
 */
public record DeadLetterNotice(
    String topic,
    int partition,
    long offset,
    IncidentId incident,
    boolean incidentKnown,
    Optional<String> eventType,
    String error,
    Instant deadLetteredAt) {

  /** Longest error text carried to a page or ticket (the rest is cut, and says so). */
  public static final int MAX_ERROR = 300;

  private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z]{1,63}");
  private static final Pattern CE_TYPE =
      Pattern.compile("io\\.backstop\\.([A-Z][A-Za-z]{1,63})\\.v\\d+");
  private static final Redactor REDACTOR = new Redactor();
  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);

  /** The fields a dead letter carries; any of them may be null or garbage. */
  public record Received(
      String topic,
      int partition,
      long offset,
      byte[] key,
      byte[] value,
      String ceType,
      String errorClass,
      String errorMessage,
      Instant timestamp) {}

  public static DeadLetterNotice of(Received r) {
    String topic = r.topic() == null ? "an unknown topic" : r.topic();
    Optional<IncidentId> known = incidentFromKey(r.key()).or(() -> incidentFromValue(r.value()));
    Instant at = r.timestamp() == null ? Instant.EPOCH : r.timestamp();
    IncidentId incident = known.orElseGet(() -> unknownIncident(topic, r.errorClass(), at));
    Optional<String> type = typeOf(r.ceType()).or(() -> typeField(r.value()));
    return new DeadLetterNotice(
        topic,
        r.partition(),
        r.offset(),
        incident,
        known.isPresent(),
        type,
        error(r.errorClass(), r.errorMessage()),
        at);
  }

  /** The input topic the record was dead-lettered from (the topic without its {@code .dlq}). */
  public String sourceTopic() {
    return topic.endsWith(Topics.DLQ_SUFFIX)
        ? topic.substring(0, topic.length() - Topics.DLQ_SUFFIX.length())
        : topic;
  }

  /** The one sentence the page and the ticket carry. */
  public String sentence() {
    return "Backstop could not process "
        + eventType.orElse("an unreadable record")
        + " of "
        + (incidentKnown ? "incident " + incident.value() : "an unknown incident")
        + " from "
        + sourceTopic()
        + " ("
        + error
        + "): handle the alert by hand";
  }

  /**
   * The escalation the person receives. Never published; its id is fixed by topic, partition and
   * offset (the record, not its content), so a replay of the dead letter maps to the same
   * deliveries.
   */
  public Escalated escalation() {
    EventId id = EventId.external("dead-letter|" + topic + "|" + partition + "|" + offset);
    EventHeader header =
        new EventHeader(id, incident, id, Stage.ESCALATION, deadLetteredAt, 1, null, null);
    return new Escalated(
        header,
        EscalationReason.INTERNAL_ERROR,
        AlertSeverity.CRITICAL,
        null,
        sentence() + ".",
        "Handle the alert by hand: Backstop stopped on this record ("
            + topic
            + " partition "
            + partition
            + " offset "
            + offset
            + "), so nothing after it happens automatically. Read the record there, fix or"
            + " replay it once the reader can decode it.",
        List.of());
  }

  /** The dead-letter's record bytes, as the escalation that would re-deliver this notice. */
  public byte[] received() {
    return EventCodec.encode(escalation());
  }

  /**
   * A stable, valid incident id for records whose incident cannot be read, one per dead-letter
   * topic, error class and UTC hour of dead-lettering: a burst of unreadable records (a producer of
   * a newer version, a corrupt batch) is one page and one ticket that each record comments on, not
   * one page per record, while records of another topic or another error stay apart. Every record
   * is still delivered (its escalation's id is its own topic, partition and offset).
   */
  static IncidentId unknownIncident(String topic, String errorClass, Instant deadLetteredAt) {
    String cls = errorClass == null ? "" : errorClass.strip();
    int dot = cls.lastIndexOf('.');
    cls = dot >= 0 ? cls.substring(dot + 1) : cls;
    return IncidentId.of(
        "unknown-incident."
            + safe(topic, 60)
            + "."
            + (cls.isEmpty() ? "unknown-error" : safe(cls, 30))
            + "."
            + HOUR.format(deadLetteredAt));
  }

  private static String safe(String text, int max) {
    String safe = text.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.length() > max ? safe.substring(0, max) : safe;
  }

  static Optional<IncidentId> incidentFromKey(byte[] key) {
    if (key == null || key.length == 0 || key.length > 512) {
      return Optional.empty();
    }
    String text = new String(key, StandardCharsets.UTF_8);
    int slash = text.indexOf('/');
    return incident(slash < 0 ? text : text.substring(0, slash));
  }

  private static Optional<IncidentId> incidentFromValue(byte[] value) {
    try {
      var tree = EventCodec.mapper().readTree(value);
      var id = tree == null ? null : tree.path("header").get("incidentId");
      return id == null || !id.isString() ? Optional.empty() : incident(id.asString());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<IncidentId> incident(String text) {
    try {
      return Optional.of(IncidentId.of(text));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> typeOf(String ceType) {
    if (ceType == null) {
      return Optional.empty();
    }
    var m = CE_TYPE.matcher(ceType);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static Optional<String> typeField(byte[] value) {
    try {
      var tree = EventCodec.mapper().readTree(value);
      var type = tree == null ? null : tree.get("type");
      return type != null && type.isString() && TYPE.matcher(type.asString()).matches()
          ? Optional.of(type.asString())
          : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  static String error(String errorClass, String errorMessage) {
    String cls = errorClass == null || errorClass.isBlank() ? "unknown error" : errorClass;
    String text = errorMessage == null || errorMessage.isBlank() ? cls : cls + ": " + errorMessage;
    text = text.replaceAll("\\p{Cntrl}+", " ").strip();
    if (text.length() > 4 * MAX_ERROR) {
      text = text.substring(0, 4 * MAX_ERROR); // bounds the redactor's work on a huge header
    }
    text = REDACTOR.redact(text).text();
    return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR) + "... (clipped)";
  }
}
