package io.backstop.stream.audit;

/** The audit log could not be read: the broker did not answer, or the topic is missing. */
public final class AuditReadException extends RuntimeException {

  public AuditReadException(String message) {
    super(message);
  }

  public AuditReadException(String message, Throwable cause) {
    super(message, cause);
  }
}
