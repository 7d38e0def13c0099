package io.backstop.triage.intake;

import io.backstop.events.AlertReceived;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP front door. {@code POST /api/v1/alerts/alertmanager} takes Alertmanager's webhook,
 * {@code POST /api/v1/alerts} the generic form. Each valid alert is put on the alerts topic; the
 * answer is 202 once all are handed to Kafka. A bad delivery is refused whole with a 400 problem
 * naming the field, so nothing valid is half-taken; Kafka trouble is a 503 Alertmanager retries.
 */
@RestController
@RequestMapping("/api/v1/alerts")
public class AlertIntakeController {

  private final DeliveryReader reader;
  private final GroupCommit commits;
  private final IntakeLimits limits;
  private final Clock clock;

  public AlertIntakeController(
      DeliveryReader reader, GroupCommit commits, IntakeLimits limits, Clock clock) {
    this.reader = reader;
    this.commits = commits;
    this.limits = limits;
    this.clock = clock;
  }

  @PostMapping(path = "/alertmanager", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<IntakeReceipt> alertmanager(HttpServletRequest request) throws IOException {
    return accepted(reader.alertmanager(body(request), clock.instant()));
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<IntakeReceipt> generic(HttpServletRequest request) throws IOException {
    return accepted(List.of(reader.generic(body(request), clock.instant())));
  }

  private byte[] body(HttpServletRequest request) throws IOException {
    return BoundedBody.read(
        request.getInputStream(), request.getContentLengthLong(), limits.maxBodyBytes());
  }

  private ResponseEntity<IntakeReceipt> accepted(List<AlertReceived> alerts) {
    // One delivery is taken whole or not at all: a 5xx leaves nothing behind, so the sender's
    // retry (Alertmanager retries) delivers it exactly once. Deliveries arriving together share
    // one transaction (GroupCommit); each is answered once that transaction committed.
    List<String> ids = commits.forward(alerts).stream().map(a -> a.eventId().toString()).toList();
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(new IntakeReceipt(ids.size(), ids));
  }
}
