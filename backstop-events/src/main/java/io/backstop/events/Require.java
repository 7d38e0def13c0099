package io.backstop.events;

import java.util.List;
import java.util.Map;

/**
 * Field checks for record constructors. A failure names the field, so a decoding error can say
 * which field of which event was missing or wrong.
 */
public final class Require {

  private Require() {}

  public static <T> T present(T value, String field) {
    if (value == null) {
      throw new MissingFieldException(field);
    }
    return value;
  }

  public static String text(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new MissingFieldException(field);
    }
    return value;
  }

  public static <T> List<T> list(List<T> value) {
    return value == null ? List.of() : List.copyOf(value);
  }

  public static <K, V> Map<K, V> map(Map<K, V> value) {
    return value == null ? Map.of() : Map.copyOf(value);
  }

  public static int nonNegative(int value, String field) {
    if (value < 0) {
      throw new InvalidFieldException(field, "must be >= 0, but was " + value);
    }
    return value;
  }

  public static long nonNegative(long value, String field) {
    if (value < 0) {
      throw new InvalidFieldException(field, "must be >= 0, but was " + value);
    }
    return value;
  }

  /** A required field of an event or value record is absent. */
  public static final class MissingFieldException extends IllegalArgumentException {
    private final String field;

    public MissingFieldException(String field) {
      super("missing required field '" + field + "'");
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  /** A field is present but its value breaks the contract. */
  public static final class InvalidFieldException extends IllegalArgumentException {
    private final String field;

    public InvalidFieldException(String field, String reason) {
      super("invalid field '" + field + "': " + reason);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }
}
