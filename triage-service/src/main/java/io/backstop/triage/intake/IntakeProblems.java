package io.backstop.triage.intake;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.KafkaException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals as {@code application/problem+json}, with the offending field as {@code field}. */
@RestControllerAdvice(assignableTypes = AlertIntakeController.class)
public class IntakeProblems {

  @ExceptionHandler(InvalidAlertException.class)
  ResponseEntity<ProblemDetail> invalid(InvalidAlertException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(e.status()), e.getMessage());
    problem.setTitle(e.status() == 413 ? "Alert delivery too large" : "Invalid alert delivery");
    problem.setProperty("field", e.field());
    return ResponseEntity.status(e.status()).body(problem);
  }

  @ExceptionHandler(KafkaException.class)
  ResponseEntity<ProblemDetail> unavailable(KafkaException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.SERVICE_UNAVAILABLE,
            "the alerts could not be handed to Kafka; retry the delivery");
    problem.setTitle("Alert intake unavailable");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem);
  }
}
