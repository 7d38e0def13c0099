package io.backstop.events.diagnosis;

import java.util.Optional;

/**
 * The closed action vocabulary. Three narrow writes and two non-actions; there is no delete, no
 * exec and no verb for any other kind of object. Anything else a model asks for stays text.
 */
public enum ActionType {
  ROLLBACK(true),
  RESTART(true),
  SCALE(true),
  ESCALATE(false),
  NONE(false);

  /** {@link #values()} without a copy per call. */
  private static final ActionType[] TYPES = values();

  private final boolean write;

  ActionType(boolean write) {
    this.write = write;
  }

  public boolean isWrite() {
    return write;
  }

  /**
   * Reads a requested verb strictly: the exact name in any ASCII case, surrounding whitespace
   * ignored. {@code "delete"}, {@code "rollback_all"} or a homoglyph spelling is empty.
   */
  public static Optional<ActionType> parse(String requested) {
    if (requested == null) {
      return Optional.empty();
    }
    String verb = requested.strip();
    for (int i = 0; i < verb.length(); i++) {
      if (verb.charAt(i) >= 128) {
        return Optional.empty();
      }
    }
    // an ASCII verb: ignoring ASCII case is exactly comparing its upper case to the name
    for (ActionType type : TYPES) {
      if (type.name().equalsIgnoreCase(verb)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
