package io.backstop.guardrail.web;

import io.backstop.events.codec.EventDecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Bad input as {@code application/problem+json}, naming the field that was wrong. */
@RestControllerAdvice
public class ProblemHandler {

  @ExceptionHandler(EventDecodingException.class)
  public ProblemDetail unreadable(EventDecodingException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("unreadable event");
    problem.setProperty("field", e.field());
    problem.setProperty("reason", e.reason());
    return problem;
  }

  @ExceptionHandler(InvalidRequestException.class)
  public ProblemDetail invalid(InvalidRequestException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("invalid request");
    problem.setProperty("field", e.field());
    return problem;
  }
}
