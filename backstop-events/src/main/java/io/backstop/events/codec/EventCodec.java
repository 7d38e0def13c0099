package io.backstop.events.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Require;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON codec for events, used by every service, the audit reader and the CLI.
 *
 * <ul>
 *   <li>Unknown fields are tolerated (forward compatibility); a missing required field, a wrong
 *       type, an unknown event {@code type} or bytes that are not JSON raise {@link
 *       EventDecodingException} naming the field.
 *   <li>The canonical form (record fields in declaration order, map keys sorted, no whitespace,
 *       nulls left out, ISO-8601 instants, plain decimals) is what the hash is computed over. It is
 *       deterministic for a given contract version; a contract change is a golden-file diff.
 * </ul>
 */
public final class EventCodec {

  private static final JsonMapper MAPPER = baseMapper().build();
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
            incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL));
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
    IncidentEvent unsealed = event.withHeader(event.header().withHash(null));
    return MAPPER.writeValueAsString(unsealed).getBytes(StandardCharsets.UTF_8);
  }

  /** SHA-256 of the canonical form, lower-case hex. */
  public static String hash(IncidentEvent event) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical(event));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
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
    String expected = hash(event);
    if (!expected.equals(event.header().hash())) {
      throw new EventIntegrityException(event.eventId(), expected, event.header().hash());
    }
  }
}
