package io.backstop.guardrail.web;

/** A request field is missing or invalid; answered as a 400 problem naming the field. */
public final class InvalidRequestException extends RuntimeException {

  private final String field;

  public InvalidRequestException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
