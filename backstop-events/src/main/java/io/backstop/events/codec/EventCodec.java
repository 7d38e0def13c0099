package io.backstop.events.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Require;
import java.time.Instant;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The one JSON codec for events, used by every service, the audit reader and the CLI.
 *
 * <ul>
 *   <li>Unknown fields are tolerated (forward compatibility); a missing required field, a wrong
 *       type, an unknown event {@code type} or bytes that are not JSON raise {@link
 *       EventDecodingException} naming the field.
 *   <li>The hash is computed over the canonical form of the JSON <em>document</em>, not of the Java
 *       record: object keys sorted at every level, nulls left out, numbers as plain decimals
 *       without trailing zeros, no whitespace, the event's own {@code header.hash} left out. The
 *       producer computes it from the document it writes; a consumer verifies it over the bytes it
 *       received ({@link #verify(byte[])}), so a consumer built against a newer or older contract
 *       (fields added or unknown to it) still checks exactly what the producer sealed.
 * </ul>
 */
public final class EventCodec {

  private static final JsonMapper MAPPER = baseMapper().build();
  private static final JsonMapper RAW =
      baseMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
  private static final JsonMapper PRETTY =
      baseMapper().enable(SerializationFeature.INDENT_OUTPUT).build();

  private EventCodec() {}

  private static JsonMapper.Builder baseMapper() {
    return JsonMapper.builder()
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .changeDefaultPropertyInclusion(
            incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
        .addModule(
            new SimpleModule("backstop-instants")
                .addDeserializer(Instant.class, new IsoInstants()));
  }

  /** The shared mapper, for adapters that need to read or write other JSON the same way. */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  public static byte[] encode(IncidentEvent event) {
    return MAPPER.writeValueAsBytes(event);
  }

  public static String encodeToString(IncidentEvent event) {
    return MAPPER.writeValueAsString(event);
  }

  public static String encodePretty(IncidentEvent event) {
    return PRETTY.writeValueAsString(event);
  }

  public static IncidentEvent decode(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new EventDecodingException("$", "empty record", null);
    }
    return decode(() -> MAPPER.readValue(bytes, IncidentEvent.class));
  }

  public static IncidentEvent decode(String json) {
    if (json == null || json.isBlank()) {
      throw new EventDecodingException("$", "empty record", null);
    }
    return decode(() -> MAPPER.readValue(json, IncidentEvent.class));
  }

  /** Decodes and checks the event is of the expected type; another type is a named error. */
  public static <T extends IncidentEvent> T decode(byte[] bytes, Class<T> type) {
    IncidentEvent event = decode(bytes);
    if (!type.isInstance(event)) {
      throw new EventDecodingException(
          "type", "expected " + type.getSimpleName() + " but was " + event.eventType(), null);
    }
    return type.cast(event);
  }

  private static IncidentEvent decode(java.util.function.Supplier<IncidentEvent> read) {
    try {
      return read.get();
    } catch (InvalidTypeIdException e) {
      String id = e.getTypeId() == null ? "(none)" : "'" + e.getTypeId() + "'";
      throw new EventDecodingException("type", "unknown or missing event type " + id, e);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Require.MissingFieldException missing) {
        throw new EventDecodingException(
            qualify(path(e), missing.field()), "missing required field", e);
      }
      if (cause instanceof Require.InvalidFieldException invalid) {
        throw new EventDecodingException(
            qualify(path(e), invalid.field()), invalid.getMessage(), e);
      }
      throw new EventDecodingException(path(e), String.valueOf(cause), e);
    } catch (JacksonException e) {
      throw new EventDecodingException(path(e), e.getOriginalMessage(), e);
    }
  }

  private static String path(JacksonException e) {
    String path =
        e.getPath().stream()
            .map(
                ref ->
                    ref.getPropertyName() != null
                        ? ref.getPropertyName()
                        : "[" + ref.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    return path.isEmpty() ? "$" : path;
  }

  /** The field of a nested value is reported relative to the event, e.g. {@code header.stage}. */
  private static String qualify(String path, String field) {
    if ("$".equals(path) || field.startsWith(path + ".") || field.contains(".")) {
      return field;
    }
    return path + "." + field;
  }

  /** The canonical JSON the hash is computed over: the event with its own hash left out. */
  public static byte[] canonical(IncidentEvent event) {
    return Canonical.bytes(MAPPER.valueToTree(event));
  }

  /**
   * The canonical JSON of an event document as received, whatever contract version wrote it. Bytes
   * that are not a JSON object raise {@link EventDecodingException}.
   */
  public static byte[] canonical(byte[] document) {
    return Canonical.bytes(readTree(document));
  }

  /** The bytes a signature covers: the canonical form without the hash and the signature. */
  public static byte[] signedBytes(IncidentEvent event) {
    return Canonical.signedBytes(MAPPER.valueToTree(event));
  }

  /** The bytes a signature covers, of a document as received. */
  public static byte[] signedBytes(byte[] document) {
    return Canonical.signedBytes(readTree(document));
  }

  /** SHA-256 of the canonical form, lower-case hex. */
  public static String hash(IncidentEvent event) {
    return Canonical.sha256(canonical(event));
  }

  /** SHA-256 of the canonical form of a received document, lower-case hex. */
  public static String hash(byte[] document) {
    return Canonical.sha256(canonical(document));
  }

  /** The event with its hash set; emitters seal every event before it leaves the service. */
  @SuppressWarnings("unchecked")
  public static <T extends IncidentEvent> T seal(T event) {
    return (T) event.withHeader(event.header().withHash(hash(event)));
  }

  /** Whether the stored hash matches the content. */
  public static boolean intact(IncidentEvent event) {
    return event.header().hash() != null && event.header().hash().equals(hash(event));
  }

  /** Throws when the stored hash does not match the content. */
  public static void verify(IncidentEvent event) {
    requireHash(event, hash(event));
  }

  /**
   * Decodes a received document and checks its stored hash over the bytes as written (not over the
   * re-encoded record, which a reader of another contract version would encode differently). Throws
   * {@link EventDecodingException} for bytes that do not decode and {@link EventIntegrityException}
   * for a hash that does not match.
   */
  public static IncidentEvent verify(byte[] document) {
    IncidentEvent event = decode(document);
    requireHash(event, hash(document));
    return event;
  }

  /**
   * {@link #verify(byte[])}, and the same for every event embedded in the document (the diagnosis
   * in an approval, the signals in a diagnosis), each over its part of the bytes as received; where
   * an embedded event is the cause, the outer {@code parentHash} must be its hash. This is how a
   * consumer checks the chain it is handed without re-encoding anything, so readers and writers of
   * different contract versions agree.
   *
   * @throws EventIntegrityException naming the embedded event whose hash or link does not match
   */
  public static IncidentEvent verifyChain(byte[] document) {
    return verifyChain(decode(document), document);
  }

  /**
   * {@link #verifyChain(byte[])} of an event the caller already decoded from {@code document} (a
   * consumer decodes every record once, as its expected type): the document is read once more, as a
   * tree, for the top-level hash and every embedded one, and not decoded again.
   *
   * @throws EventDecodingException when the document is not a JSON object
   * @throws EventIntegrityException naming the event whose hash or link does not match
   */
  public static <T extends IncidentEvent> T verifyChain(T event, byte[] document) {
    JsonNode tree = readTree(document);
    requireHash(event, Canonical.sha256(Canonical.bytes(tree)));
    checkEmbedded(tree, "");
    return event;
  }

  /** Throws unless the event's stored hash is {@code expected}, the hash of its content. */
  private static void requireHash(IncidentEvent event, String expected) {
    if (!expected.equals(event.header().hash())) {
      throw new EventIntegrityException(event.eventId(), expected, event.header().hash());
    }
  }

  private static void checkEmbedded(JsonNode event, String path) {
    JsonNode header = event.path("header");
    for (var field : event.properties()) {
      if (field.getKey().equals("header")) {
        continue;
      }
      JsonNode value = field.getValue();
      String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
      if (isEvent(value)) {
        String stored = value.path("header").path("hash").asString(null);
        String computed = Canonical.sha256(Canonical.bytes(value));
        if (stored == null || !stored.equals(computed)) {
          throw new EventIntegrityException(embeddedId(value), computed, at + ": " + stored);
        }
        boolean cause = value.path("header").path("eventId").equals(header.path("causationId"));
        if (cause && !stored.equals(header.path("parentHash").asString(null))) {
          throw new EventIntegrityException(
              embeddedId(value), stored, "parentHash " + header.path("parentHash").asString(null));
        }
        checkEmbedded(value, at);
      }
    }
  }

  private static boolean isEvent(JsonNode node) {
    return node.isObject()
        && node.path("type").isString()
        && node.path("header").isObject()
        && node.path("header").path("eventId").isString();
  }

  private static io.backstop.events.id.EventId embeddedId(JsonNode event) {
    try {
      return io.backstop.events.id.EventId.of(event.path("header").path("eventId").asString());
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static JsonNode readTree(byte[] document) {
    if (document == null || document.length == 0) {
      throw new EventDecodingException("$", "empty record", null);
    }
    try {
      JsonNode tree = RAW.readTree(document);
      if (tree == null || !tree.isObject()) {
        throw new EventDecodingException("$", "not a JSON object", null);
      }
      return tree;
    } catch (JacksonException e) {
      throw new EventDecodingException(path(e), e.getOriginalMessage(), e);
    }
  }
}
