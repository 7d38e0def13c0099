package io.backstop.stack.chaos;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.AlertReceived;
import io.backstop.events.BreakerReset;
import io.backstop.events.EventHeader;
import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.events.Stage;
import io.backstop.events.Topics;
import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.audit.Timeline;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.id.ActionId;
import io.backstop.events.id.IncidentId;
import io.backstop.events.signing.EventSigner;
import io.backstop.events.signing.SigningKey;
import io.backstop.infra.pager.ReceivedEvent;
import io.backstop.sandbox.access.Principal;
import io.backstop.sandbox.api.WriteRecord;
import io.backstop.scenario.Scenario;
import io.backstop.stack.LocalStack;
import io.backstop.stack.scenario.AlertInjector;
import io.backstop.stack.scenario.IncidentTrail;
import io.backstop.stream.audit.AuditLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The faults one stack can take in a row, in the order a bad day brings them: poison records on
 * every input topic, a thousand hostile requests at the HTTP entry points, a forged breaker reset;
 * then a real incident (a bad deploy) during which the broker is stopped and started again while
 * the executor works on the approved rollback; then replays of that incident's approval and
 * signals, and an approval forged from it; and last the invariants over everything the stack did.
 */
final class OneStackAct {

  /** The Kafka topics a service consumes: a poison record on each must be dead-lettered. */
  static final List<String> INPUT_TOPICS =
      List.of(
          Topics.ALERTS,
          Topics.SIGNALS,
          Topics.DIAGNOSIS_REJECTIONS,
          Topics.DIAGNOSES,
          Topics.OUTCOMES,
          Topics.DECISIONS,
          Topics.ACTIONS,
          Topics.CONTROL,
          Topics.ESCALATIONS,
          Topics.APPROVALS);

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration INCIDENT_WITHIN = Duration.ofSeconds(180);
  private static final Duration BROKER_DOWN = Duration.ofSeconds(5);

  private final LocalStack stack;
  private final Consumer<String> progress;
  private final int hostileRequests;
  private final int replays;
  private final List<ChaosRow> rows = new ArrayList<>();
  private final Audit audit;
  private final Liveness liveness = new Liveness();
  private final SigningKey attacker = SigningKey.generate();

  /** The records this run forged: what the services emit in answer to them is set apart. */
  private final java.util.Set<io.backstop.events.id.EventId> forged = new java.util.HashSet<>();

  OneStackAct(LocalStack stack, Consumer<String> progress, int hostileRequests, int replays) {
    this.stack = stack;
    this.progress = progress;
    this.hostileRequests = hostileRequests;
    this.replays = replays;
    this.audit = new Audit(stack);
  }

  List<ChaosRow> run() {
    try (Wire wire = new Wire(stack.kafkaClient())) {
      guard("poison records", "the fault is done and judged", () -> poison(wire));
      guard("hostile HTTP requests", "the fault is done and judged", this::hostile);
      guard("forged BreakerReset", "the fault is done and judged", () -> forgedReset(wire));
      Optional<IncidentTrail> trail = Optional.empty();
      try {
        trail = incidentAcrossBrokerRestart();
      } catch (RuntimeException e) {
        rows.add(ChaosRow.failed("broker restarted mid-incident", "the incident ends", e));
      }
      if (trail.isPresent()) {
        IncidentTrail incident = trail.get();
        guard(
            "approval replayed",
            "the fault is done and judged",
            () -> replayApproval(wire, incident));
        guard(
            "signals replayed",
            "the fault is done and judged",
            () -> replaySignals(wire, incident));
        guard(
            "forged ActionApproved",
            "the fault is done and judged",
            () -> forgedApprovals(wire, incident));
      }
      guard("invariants", "the fault is done and judged", this::invariants);
    }
    return List.copyOf(rows);
  }

  private void guard(String fault, String expectation, Runnable act) {
    try {
      act.run();
    } catch (RuntimeException e) {
      rows.add(ChaosRow.failed(fault, expectation, e));
    }
  }

  // -- before any incident ---------------------------------------------------------------------

  private void poison(Wire wire) {
    progress.accept("chaos: a poison record on each of " + INPUT_TOPICS.size() + " input topics");
    Map<String, Long> before = deadLetters(wire);
    byte[][] poisons = {
      "{\"not\":\"an event\"}".getBytes(StandardCharsets.UTF_8),
      new byte[] {0, (byte) 0xFF, 0x13, 0x37, (byte) 0xC3, 0x28},
    };
    int n = 0;
    for (String topic : INPUT_TOPICS) {
      wire.send(topic, "chaos-poison-" + topic, poisons[n++ % poisons.length]);
    }
    Instant sent = Instant.now();
    Instant deadline = sent.plus(WAIT);
    List<String> missing = INPUT_TOPICS;
    while (Instant.now().isBefore(deadline)) {
      Map<String, Long> now = deadLetters(wire);
      missing = INPUT_TOPICS.stream().filter(t -> now.get(t) <= before.get(t)).toList();
      if (missing.isEmpty()) {
        break;
      }
      Pause.of(Duration.ofMillis(500));
    }
    long seconds = Duration.between(sent, Instant.now()).toSeconds();
    List<String> notLive = liveness.notLive(stack);
    rows.add(
        ChaosRow.of(
            "poison record (not an event) on each of " + INPUT_TOPICS.size() + " input topics",
            "each dead-lettered within " + WAIT.toSeconds() + " s; every service stays live",
            (INPUT_TOPICS.size() - missing.size())
                + "/"
                + INPUT_TOPICS.size()
                + " dead-lettered in "
                + seconds
                + " s"
                + (missing.isEmpty() ? "" : " (not: " + String.join(", ", missing) + ")")
                + "; "
                + Liveness.summary(stack, notLive),
            missing.isEmpty() && notLive.isEmpty()));
  }

  private static Map<String, Long> deadLetters(Wire wire) {
    return INPUT_TOPICS.stream()
        .collect(Collectors.toMap(t -> t, t -> wire.records(Topics.deadLetter(t))));
  }

  private void hostile() {
    progress.accept("chaos: " + hostileRequests + " hostile HTTP requests");
    long alertsBefore = count(audit.read(), AlertReceived.class);
    HostileRequests.Tally tally = new HostileRequests().send(stack, hostileRequests);
    long alertsAfter = count(audit.read(), AlertReceived.class);
    List<String> notLive = liveness.notLive(stack);
    rows.add(
        ChaosRow.of(
            tally.sent()
                + " malformed or unauthorized HTTP requests (webhook, breaker API, console)",
            "every one refused with a 4xx, none a 5xx; no alert admitted; every service live",
            tally.summary()
                + "; "
                + (alertsAfter - alertsBefore)
                + " alerts admitted; "
                + Liveness.summary(stack, notLive),
            tally.allRefused() && alertsAfter == alertsBefore && notLive.isEmpty()));
  }

  private void forgedReset(Wire wire) {
    progress.accept("chaos: a forged BreakerReset on " + Topics.CONTROL);
    long before = Audit.forgeries(audit.read());
    Instant now = Instant.now();
    BreakerReset forged =
        EventCodec.seal(
            new EventSigner(attacker)
                .sign(
                    new BreakerReset(
                        EventHeader.first(
                            IncidentId.of("breaker.shop"),
                            "chaos-forged-reset|" + now,
                            Stage.GUARDRAIL,
                            now),
                        "shop",
                        "mallory",
                        "chaos: a reset nobody authenticated")));
    this.forged.add(forged.eventId());
    wire.send(forged);
    Optional<AuditLog> after = audit.until(log -> Audit.forgeries(log) > before, WAIT);
    long seen = after.map(Audit::forgeries).orElse(before) - before;
    rows.add(
        ChaosRow.of(
            "BreakerReset signed by an unknown key, produced to " + Topics.CONTROL,
            "refused and audited: an Escalated FORGED_APPROVAL",
            seen + " FORGED_APPROVAL escalation(s) on the audit log",
            seen == 1));
  }

  // -- the incident ----------------------------------------------------------------------------

  private Optional<IncidentTrail> incidentAcrossBrokerRestart() {
    Scenario scenario = stack.options().scenario();
    progress.accept("chaos: the " + scenario.name() + " incident, with the broker restarted");
    AlertInjector injector = new AlertInjector(stack.triageWebhook());
    Instant started = Instant.now();
    AlertInjector.Sent sent =
        injector.fire(scenario.alert(), started.truncatedTo(ChronoUnit.SECONDS));
    Optional<AuditLog> approved =
        audit.until(
            log ->
                IncidentTrail.find(log, sent.fingerprint(), sent.startsAt())
                    .map(t -> !t.all(ActionApproved.class).isEmpty() || t.terminal().isPresent())
                    .orElse(false),
            INCIDENT_WITHIN);
    String stoppedAfter =
        approved
            .flatMap(log -> IncidentTrail.find(log, sent.fingerprint(), sent.startsAt()))
            .map(t -> t.events().get(t.events().size() - 1).getClass().getSimpleName())
            .orElse("nothing (no approval seen)");
    progress.accept("chaos: broker stopped for " + BROKER_DOWN.toSeconds() + " s");
    stack.stopBroker();
    Pause.of(BROKER_DOWN);
    stack.startBrokerAgain();
    Instant restarted = Instant.now();
    Optional<AuditLog> ended =
        audit.until(
            log ->
                IncidentTrail.find(log, sent.fingerprint(), sent.startsAt())
                    .map(IncidentTrail::finished)
                    .orElse(false),
            INCIDENT_WITHIN);
    Optional<IncidentTrail> trail =
        ended.flatMap(log -> IncidentTrail.find(log, sent.fingerprint(), sent.startsAt()));
    injector.resolve(scenario.alert(), sent, Instant.now());
    String end = trail.flatMap(IncidentTrail::terminal).map(OneStackAct::describe).orElse("no end");
    boolean verified =
        trail
            .map(t -> t.finished() && t.terminal().map(OneStackAct::isVerified).orElse(false))
            .orElse(false);
    long executorWrites = appliedWrites().size();
    rows.add(
        ChaosRow.of(
            "broker stopped " + BROKER_DOWN.toSeconds() + " s and restarted mid-incident",
            "the bad deploy still ends VERIFIED, paged and ticketed, within "
                + INCIDENT_WITHIN.toSeconds()
                + " s of the restart; exactly 1 write",
            "stopped after "
                + stoppedAfter
                + "; ended "
                + end
                + " "
                + Duration.between(restarted, Instant.now()).toSeconds()
                + " s after the restart"
                + (trail.map(IncidentTrail::finished).orElse(false)
                    ? ", paged and ticketed"
                    : ", NOT told")
                + "; "
                + executorWrites
                + " write(s)",
            verified && executorWrites == 1));
    return trail;
  }

  private static boolean isVerified(IncidentEvent end) {
    return end instanceof ActionExecuted executed && executed.status() == ExecutionStatus.VERIFIED;
  }

  private static String describe(IncidentEvent end) {
    if (end instanceof ActionExecuted executed) {
      return executed.status().name();
    }
    return end.getClass().getSimpleName();
  }

  // -- after the incident: redelivery and forgery ------------------------------------------------

  private void replayApproval(Wire wire, IncidentTrail incident) {
    ActionApproved approval = incident.all(ActionApproved.class).get(0);
    progress.accept("chaos: the approval replayed " + replays + " times");
    int writesBefore = appliedWrites().size();
    int pagesBefore = stack.pager().received().size();
    long outcomesBefore = wire.records(Topics.OUTCOMES);
    for (int i = 0; i < replays; i++) {
      wire.send(approval);
    }
    // The executor answers each redelivery with the outcome it already has (ALREADY_APPLIED):
    // once that many outcomes are on the topic, every replay has been handled.
    audit.until(log -> wire.records(Topics.OUTCOMES) >= outcomesBefore + replays, WAIT);
    long handled = wire.records(Topics.OUTCOMES) - outcomesBefore;
    Pause.of(Duration.ofSeconds(2));
    int writes = appliedWrites().size() - writesBefore;
    int pages = stack.pager().received().size() - pagesBefore;
    rows.add(
        ChaosRow.of(
            "the incident's ActionApproved produced again " + replays + " times",
            "0 more writes, 0 more pages",
            handled
                + " replays answered; "
                + writes
                + " more write(s), "
                + pages
                + " more page event(s)",
            writes == 0 && pages == 0 && handled >= replays));
  }

  private void replaySignals(Wire wire, IncidentTrail incident) {
    SignalsGathered signals = incident.all(SignalsGathered.class).get(0);
    progress.accept("chaos: the signals replayed " + replays + " times");
    int callsBefore = stack.simulator().calls().size();
    int pagesBefore = stack.pager().received().size();
    long offsetsBefore = wire.records(Topics.SIGNALS);
    for (int i = 0; i < replays; i++) {
      wire.send(signals);
    }
    // Diagnosis has seen the replays once its group has consumed past them; give it the time the
    // first diagnosis took, and then some, to make a model call it should not make.
    Pause.of(Duration.ofSeconds(10));
    int calls = stack.simulator().calls().size() - callsBefore;
    int pages = stack.pager().received().size() - pagesBefore;
    rows.add(
        ChaosRow.of(
            "the incident's SignalsGathered produced again " + replays + " times",
            "0 more model calls, 0 more pages",
            (wire.records(Topics.SIGNALS) - offsetsBefore)
                + " replays on the topic; "
                + calls
                + " more model call(s), "
                + pages
                + " more page event(s)",
            calls == 0 && pages == 0));
  }

  private void forgedApprovals(Wire wire, IncidentTrail incident) {
    ActionApproved real = incident.all(ActionApproved.class).get(0);
    progress.accept("chaos: forged approvals on " + Topics.ACTIONS);
    long before = Audit.forgeries(audit.read());
    int writesBefore = appliedWrites().size();
    List<ActionApproved> forged = new ArrayList<>();
    for (int attempt : new int[] {41, 42}) {
      EventHeader header =
          EventHeader.reactingTo(
              real.diagnosis(), Stage.GUARDRAIL, ActionApproved.class, attempt, Instant.now());
      ActionApproved restart =
          new ActionApproved(
              header,
              ActionId.derive(real.incidentId(), header.eventId()),
              ApprovedAction.restart(real.action().target()),
              real.preconditions(),
              real.verdicts(),
              real.budgetLeft(),
              real.diagnosis());
      forged.add(attempt == 41 ? new EventSigner(attacker).sign(restart) : restart);
    }
    for (ActionApproved approval : forged) {
      ActionApproved sealed = EventCodec.seal(approval);
      this.forged.add(sealed.eventId());
      wire.send(sealed);
    }
    Optional<AuditLog> after = audit.until(log -> Audit.forgeries(log) >= before + 2, WAIT);
    long seen = after.map(Audit::forgeries).orElse(before) - before;
    int writes = appliedWrites().size() - writesBefore;
    rows.add(
        ChaosRow.of(
            "ActionApproved for a restart nobody approved, produced to "
                + Topics.ACTIONS
                + " (one signed by an unknown key, one unsigned; hashes valid)",
            "0 writes; each escalated as FORGED_APPROVAL",
            writes + " write(s); " + seen + " FORGED_APPROVAL escalation(s)",
            writes == 0 && seen == 2));
  }

  // -- the invariants over the whole run ------------------------------------------------------

  private void invariants() {
    progress.accept("chaos: invariants");
    AuditLog log = audit.read();
    List<String> broken = new ArrayList<>();
    java.util.Set<io.backstop.events.id.EventId> forgedTrees = ForgedTrees.of(log.events(), forged);
    for (Timeline timeline : log.timelines().values()) {
      Timeline honest =
          new Timeline(
              timeline.incident(),
              timeline.events().stream().filter(e -> !forgedTrees.contains(e.eventId())).toList(),
              timeline.superseded().stream()
                  .filter(e -> !forgedTrees.contains(e.eventId()))
                  .toList());
      var verification = honest.verify();
      if (!honest.events().isEmpty() && !verification.isIntact()) {
        broken.add(
            timeline.incident().value()
                + ": "
                + verification.firstBreak().map(Object::toString).orElse(""));
      }
    }
    rows.add(
        ChaosRow.of(
            "hash chain of every incident the stack handled",
            "intact (apart from the answers to this run's forged records, whose cause never reached the"
                + " log); no unreadable audit record",
            log.timelines().size()
                + " incident(s), "
                + log.events().size()
                + " event(s): "
                + broken.size()
                + " broken"
                + (broken.isEmpty() ? "" : " (" + String.join(", ", broken) + ")")
                + ", "
                + forgedTrees.size()
                + " event(s) answering forgeries set apart, "
                + log.unreadable().size()
                + " unreadable",
            broken.isEmpty() && log.unreadable().isEmpty()));

    String executor = executorPrincipal();
    List<WriteRecord> applied =
        stack.sandbox().writes().stream().filter(WriteRecord::applied).toList();
    List<String> others =
        applied.stream()
            .filter(w -> !w.principal().equals(executor))
            .map(w -> w.principal() + " " + w.method() + " " + w.path())
            .toList();
    rows.add(
        ChaosRow.of(
            "writes to the cluster by any credential",
            "only the executor's credential writes",
            applied.size()
                + " applied write(s), "
                + others.size()
                + " by another credential"
                + (others.isEmpty() ? "" : " (" + String.join(", ", others) + ")"),
            others.isEmpty()));

    long verified =
        log.events().stream()
            .filter(ActionExecuted.class::isInstance)
            .map(ActionExecuted.class::cast)
            .filter(e -> e.status() == ExecutionStatus.VERIFIED)
            .map(e -> e.actionId())
            .distinct()
            .count();
    rows.add(
        ChaosRow.of(
            "double writes",
            "one write per verified action, none twice",
            applied.size() + " applied write(s) for " + verified + " verified action(s)",
            applied.size() == verified));

    Map<String, Long> incidentsByKey =
        stack.pager().received().stream()
            .collect(Collectors.groupingBy(ReceivedEvent::dedupKey, Collectors.counting()));
    List<String> foreign =
        incidentsByKey.keySet().stream()
            .filter(
                key -> log.timelines().keySet().stream().noneMatch(id -> id.value().equals(key)))
            .toList();
    rows.add(
        ChaosRow.of(
            "pages per incident",
            "one dedup key per incident (one page, updated), none for an incident not on the log",
            incidentsByKey.size()
                + " dedup key(s), "
                + stack.pager().received().size()
                + " page event(s); "
                + foreign.size()
                + " for no incident",
            foreign.isEmpty()));

    noSecretInAnyPrompt();
  }

  /**
   * No secret reaches a prompt: every chat request body the model simulator kept is searched for
   * each seeded secret. Held only when none is found, at least one body was seen, none was dropped
   * uncounted, and a seed's neighbouring text did reach a model (so the seeded lines were read and
   * redacted, not merely never gathered).
   */
  private void noSecretInAnyPrompt() {
    var simulator = stack.simulator();
    SeededSecrets.Search search = SeededSecrets.CHAOS.in(simulator.requestBodies());
    long notKept = simulator.requestBodiesNotKept();
    rows.add(
        ChaosRow.of(
            SeededSecrets.CHAOS.seeds().size()
                + " secrets seeded in the sandbox (container env, Deployment annotation, pod logs,"
                + " alert annotations)",
            "0 in any model request body; the lines around them reached a model",
            search.bodies()
                + " request bodies"
                + (notKept == 0 ? "" : " (" + notKept + " not kept)")
                + ": "
                + search.leaked().size()
                + " secret(s) found"
                + names(search.leaked())
                + "; "
                + search.carried().size()
                + " seed line(s) reached a model"
                + names(search.carried()),
            search.leaked().isEmpty()
                && search.bodies() > 0
                && notKept == 0
                && !search.carried().isEmpty()));
  }

  private static String names(List<SeededSecrets.Seed> seeds) {
    return seeds.isEmpty()
        ? ""
        : " ("
            + seeds.stream().map(SeededSecrets.Seed::where).collect(Collectors.joining(", "))
            + ")";
  }

  private String executorPrincipal() {
    return stack
        .sandbox()
        .tokens()
        .principalOf(stack.sandbox().tokens().executor())
        .map(Principal::name)
        .orElseThrow(() -> new ChaosException("the sandbox knows no executor principal"));
  }

  private List<WriteRecord> appliedWrites() {
    return stack.sandbox().writes().stream().filter(WriteRecord::applied).toList();
  }

  private static long count(AuditLog log, Class<? extends IncidentEvent> type) {
    return log.events().stream().filter(type::isInstance).count();
  }
}
