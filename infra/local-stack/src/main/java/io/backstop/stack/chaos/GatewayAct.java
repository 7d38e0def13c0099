package io.backstop.stack.chaos;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.Escalated;
import io.backstop.events.Topics;
import io.backstop.events.diagnosis.CallOutcome;
import io.backstop.events.diagnosis.ModelCall;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.scenario.ModelBehaviour;
import io.backstop.stack.LocalStack;
import io.backstop.stack.scenario.IncidentTrail;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The model gateway fails during a real incident (the bad deploy): {@link Mode#DOWN} stops it, so
 * every model call is refused at the connection; {@link Mode#SLOW} makes the primary model answer
 * only after its call timeout. Either way the incident must end (a write on a diagnosis that is on
 * the log, or an escalation with a named reason), nothing is dead-lettered, and nothing is written
 * that no diagnosis asked for.
 */
final class GatewayAct {

  private static final Duration WITHIN = Duration.ofSeconds(240);

  /** Longer than the primary target's call timeout (20 s): every call to it times out. */
  private static final Duration SLOWER_THAN_TIMEOUT = Duration.ofSeconds(45);

  enum Mode {
    DOWN(
        "model gateway down (every model call refused at the connection) for a whole incident",
        "every gateway call recorded failed, none OK; the offline analyzer answers; the incident ends"
            + " VERIFIED on a diagnosis on the log or escalated with a named reason, paged and"
            + " ticketed; 0 dead-lettered; no write without a diagnosis"),
    SLOW(
        "model gateway slow: the primary model answers only after "
            + SLOWER_THAN_TIMEOUT.toSeconds()
            + " s, past its call timeout",
        "its calls recorded TIMEOUT; a fallback-tier model answers; the incident ends VERIFIED"
            + " (or escalated with a named reason), paged and ticketed; 0 dead-lettered; no write"
            + " without a diagnosis");

    private final String fault;
    private final String expectation;

    Mode(String fault, String expectation) {
      this.fault = fault;
      this.expectation = expectation;
    }

    String fault() {
      return fault;
    }

    String expectation() {
      return expectation;
    }
  }

  private final LocalStack stack;
  private final Consumer<String> progress;
  private final Mode mode;
  private final Audit audit;

  GatewayAct(LocalStack stack, Consumer<String> progress, Mode mode) {
    this.stack = stack;
    this.progress = progress;
    this.mode = mode;
    this.audit = new Audit(stack);
  }

  ChaosRow run() {
    progress.accept("chaos: " + mode.fault());
    String primary = "claude";
    if (mode == Mode.DOWN) {
      stack.stopModelGateway();
    } else {
      stack
          .simulator()
          .override(
              primary,
              new ModelBehaviour(
                  ModelBehaviour.Behaviour.SLOW, null, null, SLOWER_THAN_TIMEOUT, null));
    }
    OneIncident incident;
    Optional<IncidentTrail> trail;
    long deadLettered;
    try (Wire wire = new Wire(stack.kafkaClient())) {
      long dlqBefore = deadLetters(wire);
      incident = OneIncident.fire(stack, audit);
      trail = incident.untilFinished(WITHIN);
      deadLettered = deadLetters(wire) - dlqBefore;
    } finally {
      if (mode == Mode.DOWN) {
        stack.startModelGatewayAgain();
      }
    }
    incident.resolve();
    long writes = incident.appliedWrites();
    List<DiagnosisProposed> proposals =
        trail.map(t -> t.all(DiagnosisProposed.class)).orElse(List.of());
    List<ModelCall> calls = proposals.stream().flatMap(p -> p.calls().stream()).toList();
    Map<String, Long> outcomes =
        calls.stream()
            .collect(
                Collectors.groupingBy(
                    c -> c.target() + " " + c.outcome().name(),
                    TreeMap::new,
                    Collectors.counting()));
    String answeredBy =
        proposals.stream()
            .map(p -> p.answeredBy() + " (" + p.tier().name() + ")")
            .distinct()
            .collect(Collectors.joining(", "));
    List<String> escalations =
        trail.map(t -> t.all(Escalated.class)).orElse(List.of()).stream()
            .map(e -> e.reason().name())
            .toList();
    boolean verified = OneIncident.verified(trail);
    boolean escalated =
        trail.flatMap(IncidentTrail::terminal).map(e -> e instanceof Escalated).orElse(false);
    boolean told = trail.map(IncidentTrail::finished).orElse(false);
    boolean grounded = OneIncident.everyWriteHasADiagnosis(trail, writes);
    boolean callsAsExpected =
        switch (mode) {
          case DOWN ->
              calls.stream()
                      .filter(c -> c.tier() != ModelTier.OFFLINE)
                      .noneMatch(c -> c.outcome() == CallOutcome.OK)
                  && calls.stream().anyMatch(c -> c.tier() != ModelTier.OFFLINE)
                  && proposals.stream().allMatch(p -> p.tier() == ModelTier.OFFLINE);
          case SLOW ->
              calls.stream()
                      .filter(c -> c.target().equals(primary))
                      .allMatch(
                          c ->
                              c.outcome() == CallOutcome.TIMEOUT
                                  || c.outcome() == CallOutcome.CIRCUIT_OPEN)
                  && calls.stream()
                      .anyMatch(
                          c -> c.target().equals(primary) && c.outcome() == CallOutcome.TIMEOUT)
                  && (escalated
                      || proposals.stream()
                          .anyMatch(
                              p -> p.tier() == ModelTier.FALLBACK || p.tier() == ModelTier.STRONG));
        };
    String observed =
        "calls: "
            + (outcomes.isEmpty() ? "none" : outcomes.toString())
            + "; answered by "
            + (answeredBy.isEmpty() ? "nobody" : answeredBy)
            + (escalations.isEmpty() ? "" : "; escalations " + escalations)
            + "; ended "
            + OneIncident.end(trail)
            + " "
            + Duration.between(incident.fired(), java.time.Instant.now()).toSeconds()
            + " s after the alert"
            + (told ? ", paged and ticketed" : ", NOT told")
            + "; "
            + deadLettered
            + " dead-lettered; "
            + writes
            + " write(s)"
            + (grounded ? "" : " WITHOUT a diagnosis on the log");
    boolean ended = (verified && writes == 1) || (escalated && writes == 0);
    return ChaosRow.of(
        mode.fault(),
        mode.expectation(),
        observed,
        ended && told && grounded && deadLettered == 0 && callsAsExpected && !proposals.isEmpty());
  }

  /** Records on the dead-letter topics of the stages an incident passes through. */
  private static long deadLetters(Wire wire) {
    return OneStackAct.INPUT_TOPICS.stream()
        .mapToLong(t -> wire.records(Topics.deadLetter(t)))
        .sum();
  }
}
