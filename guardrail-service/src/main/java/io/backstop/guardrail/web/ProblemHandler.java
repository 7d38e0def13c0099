package io.backstop.guardrail.web;

import io.backstop.events.codec.EventDecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Bad input and refused admin access as {@code application/problem+json} (RFC 9457), written by the
 * framework so every field is escaped; bad input names the field that was wrong.
 */
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

  @ExceptionHandler(AdminAccessRefusedException.class)
  public ResponseEntity<ProblemDetail> refused(AdminAccessRefusedException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    problem.setTitle("admin access refused");
    var response = ResponseEntity.status(e.status());
    if (e.status() == HttpStatus.UNAUTHORIZED) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    return response.contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }
}
