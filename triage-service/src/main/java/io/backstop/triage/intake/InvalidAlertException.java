package io.backstop.triage.intake;

/**
 * A delivery that cannot be accepted; {@code field} is a JSON path such as {@code
 * alerts[2].labels}.
 */
public final class InvalidAlertException extends RuntimeException {

  private final String field;
  private final int status;

  public InvalidAlertException(String field, String reason) {
    this(field, reason, 400);
  }

  public InvalidAlertException(String field, String reason, int status) {
    super("invalid alert field '" + field + "': " + reason);
    this.field = field;
    this.status = status;
  }

  public String field() {
    return field;
  }

  public int status() {
    return status;
  }
}
