package io.backstop.triage.intake;

import io.backstop.events.codec.EventCodec;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/** Parses a delivery's JSON; a wrong shape is an error naming the JSON path where it went wrong. */
final class JsonBody {

  private JsonBody() {}

  static <T> T parse(byte[] body, Class<T> type) {
    if (body == null || body.length == 0) {
      throw new InvalidAlertException("$", "the body is empty");
    }
    try {
      T value = EventCodec.mapper().readValue(body, type);
      if (value == null) {
        throw new InvalidAlertException("$", "must be a JSON object");
      }
      return value;
    } catch (DatabindException e) {
      throw new InvalidAlertException(path(e), "wrong type or shape: " + e.getOriginalMessage());
    } catch (JacksonException e) {
      throw new InvalidAlertException("$", "not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static String path(DatabindException e) {
    String path =
        e.getPath().stream()
            .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    return path.isEmpty() ? "$" : path;
  }
}
