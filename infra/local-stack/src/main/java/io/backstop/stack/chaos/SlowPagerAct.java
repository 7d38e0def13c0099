package io.backstop.stack.chaos;

import io.backstop.events.EscalationDelivered;
import io.backstop.events.Topics;
import io.backstop.events.escalation.Channel;
import io.backstop.events.escalation.DeliveryStatus;
import io.backstop.stack.LocalStack;
import io.backstop.stack.scenario.IncidentTrail;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A slow pager during a real incident (the bad deploy): its next answers come later than the
 * escalation service waits for one (its request timeout is 5 s), so the page is recorded pending
 * and retried in the background. The page must arrive late, never be dead-lettered, and the
 * incident must end as it would with a quick pager.
 */
final class SlowPagerAct {

  private static final Duration WITHIN = Duration.ofSeconds(240);

  /** Each later than the escalation service's pager request timeout (5 s). */
  private static final Duration ANSWER_AFTER = Duration.ofSeconds(8);

  /** The quick tries on the consumer thread (3) and the first background retry. */
  private static final int SLOW_ANSWERS = 4;

  static final String FAULT =
      "pager slow: its next "
          + SLOW_ANSWERS
          + " answers each come after "
          + ANSWER_AFTER.toSeconds()
          + " s, past the escalation service's request timeout";
  static final String EXPECTATION =
      "the page is recorded PENDING, retried off the consumer thread and DELIVERED late; 0"
          + " DEAD_LETTERED, 0 on a dead-letter topic; the incident ends VERIFIED with 1 write and"
          + " one page dedup key";

  private final LocalStack stack;
  private final Consumer<String> progress;
  private final Audit audit;

  SlowPagerAct(LocalStack stack, Consumer<String> progress) {
    this.stack = stack;
    this.progress = progress;
    this.audit = new Audit(stack);
  }

  ChaosRow run() {
    progress.accept("chaos: " + FAULT);
    Duration[] slow = new Duration[SLOW_ANSWERS];
    Arrays.fill(slow, ANSWER_AFTER);
    stack.pager().delayNext(slow);
    OneIncident incident;
    Optional<IncidentTrail> trail;
    long deadLettered;
    try (Wire wire = new Wire(stack.kafkaClient())) {
      long before = deadLetters(wire);
      incident = OneIncident.fire(stack, audit);
      trail = incident.until(t -> t.finished() && pagesSettled(t), WITHIN);
      deadLettered = deadLetters(wire) - before;
    }
    incident.resolve();
    List<EscalationDelivered> pages =
        trail.map(t -> t.all(EscalationDelivered.class)).orElse(List.of()).stream()
            .filter(d -> d.channel() == Channel.PAGE)
            .toList();
    long pending = count(pages, DeliveryStatus.PENDING);
    long delivered = count(pages, DeliveryStatus.DELIVERED);
    long refused = count(pages, DeliveryStatus.DEAD_LETTERED);
    Optional<String> late = lateness(pages);
    long writes = incident.appliedWrites();
    long keys = incident.dedupKeys();
    boolean verified = OneIncident.verified(trail);
    String observed =
        "page records: "
            + pending
            + " PENDING, "
            + delivered
            + " DELIVERED"
            + late.orElse(" (none delivered after its PENDING record)")
            + ", "
            + refused
            + " DEAD_LETTERED; "
            + deadLettered
            + " on a dead-letter topic; the pager received "
            + stack.pager().received().size()
            + " event(s) under "
            + keys
            + " dedup key(s); ended "
            + OneIncident.end(trail)
            + "; "
            + writes
            + " write(s)";
    return ChaosRow.of(
        FAULT,
        EXPECTATION,
        observed,
        pending >= 1
            && late.isPresent()
            && trail.map(SlowPagerAct::pagesSettled).orElse(false)
            && refused == 0
            && deadLettered == 0
            && verified
            && writes == 1
            && keys == 1);
  }

  /** Every page operation recorded PENDING has a DELIVERED record of the same operation. */
  private static boolean pagesSettled(IncidentTrail trail) {
    List<EscalationDelivered> pages =
        trail.all(EscalationDelivered.class).stream()
            .filter(d -> d.channel() == Channel.PAGE)
            .toList();
    Set<String> delivered =
        pages.stream()
            .filter(d -> d.status() == DeliveryStatus.DELIVERED)
            .map(EscalationDelivered::operation)
            .collect(Collectors.toSet());
    return !delivered.isEmpty()
        && pages.stream()
            .filter(d -> d.status() == DeliveryStatus.PENDING)
            .allMatch(d -> delivered.contains(d.operation()));
  }

  /**
   * For the first page recorded PENDING: how long after that record the try that delivered it
   * began, and with how many attempts it was delivered.
   */
  private static Optional<String> lateness(List<EscalationDelivered> pages) {
    return pages.stream()
        .filter(d -> d.status() == DeliveryStatus.PENDING)
        .min(java.util.Comparator.comparing(d -> d.header().occurredAt()))
        .flatMap(
            pending ->
                pages.stream()
                    .filter(
                        d ->
                            d.status() == DeliveryStatus.DELIVERED
                                && d.operation().equals(pending.operation())
                                && !d.header().occurredAt().isBefore(pending.header().occurredAt()))
                    .findFirst()
                    .map(
                        delivered ->
                            " ("
                                + pending.operation()
                                + " delivered by a background try begun "
                                + Duration.between(
                                        pending.header().occurredAt(),
                                        delivered.header().occurredAt())
                                    .toSeconds()
                                + " s after it was recorded PENDING)"));
  }

  private static long count(List<EscalationDelivered> pages, DeliveryStatus status) {
    return pages.stream().filter(d -> d.status() == status).count();
  }

  private static long deadLetters(Wire wire) {
    return wire.records(Topics.deadLetter(Topics.ESCALATIONS))
        + wire.records(Topics.deadLetter(Topics.OUTCOMES));
  }
}
