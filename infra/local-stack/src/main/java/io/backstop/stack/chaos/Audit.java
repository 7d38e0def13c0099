package io.backstop.stack.chaos;

import io.backstop.events.Escalated;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.stack.LocalStack;
import io.backstop.stream.audit.AuditLog;
import io.backstop.stream.audit.AuditLogReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/** The stack's audit log as a chaos run reads it: tolerant of a broker that is down for a while. */
final class Audit {

  private final LocalStack stack;

  Audit(LocalStack stack) {
    this.stack = stack;
  }

  /** The whole log, or empty when the broker could not be read this time. */
  Optional<AuditLog> tryRead() {
    try {
      return Optional.of(new AuditLogReader(stack.kafkaClient(), Duration.ofSeconds(10)).readAll());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  AuditLog read() {
    return tryRead().orElseThrow(() -> new ChaosException("the audit log cannot be read"));
  }

  /** Reads until the log satisfies {@code done} or the time is up; the last log read, if any. */
  Optional<AuditLog> until(Predicate<AuditLog> done, Duration within) {
    Instant deadline = Instant.now().plus(within);
    Optional<AuditLog> last = Optional.empty();
    while (Instant.now().isBefore(deadline)) {
      Optional<AuditLog> log = tryRead();
      if (log.isPresent()) {
        last = log;
        if (done.test(log.get())) {
          return last;
        }
      }
      Pause.of(Duration.ofMillis(500));
    }
    return last;
  }

  static long forgeries(AuditLog log) {
    return log.events().stream()
        .filter(Escalated.class::isInstance)
        .map(Escalated.class::cast)
        .filter(e -> e.reason() == EscalationReason.FORGED_APPROVAL)
        .count();
  }
}
