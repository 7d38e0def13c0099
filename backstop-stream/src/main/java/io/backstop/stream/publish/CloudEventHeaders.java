package io.backstop.stream.publish;

import io.backstop.events.IncidentEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * CloudEvents 1.0 attributes in Kafka binary mode ({@code ce_} headers), so a Kafka UI or any
 * CloudEvents-aware consumer can tell what a record is without decoding it.
 */
public final class CloudEventHeaders {

  public static final String SPEC_VERSION = "ce_specversion";
  public static final String ID = "ce_id";
  public static final String TYPE = "ce_type";
  public static final String SOURCE = "ce_source";
  public static final String TIME = "ce_time";
  public static final String SUBJECT = "ce_subject";
  public static final String CONTENT_TYPE = "content-type";

  private CloudEventHeaders() {}

  /** {@code io.backstop.<EventType>.v1}: the type names the contract version like the topics do. */
  public static String type(IncidentEvent event) {
    return "io.backstop." + event.eventType() + ".v1";
  }

  /** The headers of one record carrying {@code event}, emitted by {@code service}. */
  public static List<Header> of(IncidentEvent event, String service) {
    return List.of(
        header(SPEC_VERSION, "1.0"),
        header(ID, event.eventId().toString()),
        header(TYPE, type(event)),
        header(SOURCE, "/backstop/" + service),
        header(TIME, event.header().occurredAt().toString()),
        header(SUBJECT, event.incidentId().value()),
        header(CONTENT_TYPE, "application/json"));
  }

  private static Header header(String key, String value) {
    return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
