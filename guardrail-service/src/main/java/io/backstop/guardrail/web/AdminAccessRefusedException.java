package io.backstop.guardrail.web;

import org.springframework.http.HttpStatus;

/**
 * An admin request without the right bearer token: answered as {@code application/problem+json} by
 * {@link ProblemHandler}, never with a body built by hand.
 */
public final class AdminAccessRefusedException extends RuntimeException {

  private final HttpStatus status;

  AdminAccessRefusedException(HttpStatus status, String detail) {
    super(detail);
    this.status = status;
  }

  public HttpStatus status() {
    return status;
  }
}
