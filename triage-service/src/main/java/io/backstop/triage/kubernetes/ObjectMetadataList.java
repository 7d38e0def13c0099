package io.backstop.triage.kubernetes;

import io.backstop.events.codec.EventCodec;
import io.backstop.events.signal.ConfigChange.ConfigKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads a list answer ({@code PartialObjectMetadataList}, or a full list from a server that ignored
 * the request for metadata only) for the metadata alone: name, creation, and the latest write in
 * {@code managedFields} with its manager. Nothing else of an item is looked at. A list that says it
 * continues on another page is refused whole ({@link IncompleteListException}): a name not on the
 * first page is not known to be absent.
 */
final class ObjectMetadataList {

  private ObjectMetadataList() {}

  static List<ObjectChange> parse(ConfigKind kind, String namespace, String body) {
    JsonNode root = EventCodec.mapper().readTree(body);
    if (!root.path("metadata").path("continue").asString("").isEmpty()) {
      throw new IncompleteListException(
          "the "
              + kind
              + " list of "
              + namespace
              + " came back cut short (a continue token): names beyond it are unknown");
    }
    List<ObjectChange> out = new ArrayList<>();
    for (JsonNode item : root.path("items")) {
      JsonNode meta = item.path("metadata");
      String name = meta.path("name").asString("");
      Instant created = instant(meta.path("creationTimestamp").asString(""));
      if (name.isEmpty()) {
        continue;
      }
      Instant last = created;
      String writer = "";
      for (JsonNode field : meta.path("managedFields")) {
        Instant at = instant(field.path("time").asString(""));
        if (at != null && (last == null || !at.isBefore(last))) {
          last = at;
          writer = field.path("manager").asString("");
        }
      }
      out.add(new ObjectChange(kind, namespace, name, created, last, writer));
    }
    return List.copyOf(out);
  }

  /** A list answer that holds only part of the list. */
  static final class IncompleteListException extends IllegalStateException {

    IncompleteListException(String message) {
      super(message);
    }
  }

  private static Instant instant(String text) {
    try {
      return text.isEmpty() ? null : Instant.parse(text);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
