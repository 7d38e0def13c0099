package io.backstop.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.escalation.bundle.BundleRenderer;
import io.backstop.escalation.mcp.McpTicketClient;
import io.backstop.escalation.mcp.ToolMapping;
import io.backstop.escalation.paging.EventsV2Client;
import io.backstop.escalation.paging.PageComposer;
import io.backstop.events.EscalationDelivered;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Topics;
import io.backstop.events.escalation.Channel;
import io.backstop.events.escalation.DeliveryStatus;
import io.backstop.events.fixtures.Alerts;
import io.backstop.events.fixtures.Decisions;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Signals;
import io.backstop.infra.pager.PagerInbox;
import io.backstop.infra.ticket.TicketMcpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EscalatorTest {

  private static final String INCIDENT = Alerts.INCIDENT.value();
  private final ScheduledWaits scheduler = new ScheduledWaits();
  private final Retries fast =
      scheduler.retries(3, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(5));

  @TempDir Path dir;
  private PagerInbox pager;
  private TicketMcpServer tickets;
  private McpTicketClient ticketClient;
  private RecordingPublisher audit;
  private final List<DeadLetters.Undelivered> deadLetters = new ArrayList<>();
  private Escalator escalator;
  private final PageRetries pages = new PageRetries(Duration.ofMillis(700), Duration.ofSeconds(1));

  @BeforeEach
  void start() {
    pager = PagerInbox.start(0, dir.resolve("pager"));
    tickets = TicketMcpServer.start(0, dir.resolve("tickets"), "t0ken", List.of());
    ticketClient =
        new McpTicketClient(
            tickets.url(), "t0ken", Duration.ofSeconds(5), ToolMapping.local(), fast);
    audit = new RecordingPublisher(blockedIncidentSoFar());
    escalator = escalator(new DeliveryLedger(), audit);
  }

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
    pages.close();
    ticketClient.close();
    tickets.close();
    pager.close();
  }

  @Test
  void anEscalationPagesOnceAndOpensOneTicketHoldingTheTimeline() throws Exception {
    List<EscalationDelivered> out = escalator.onEscalated(Decisions.actionBlocked());

    assertThat(pager.received(INCIDENT))
        .singleElement()
        .satisfies(e -> assertThat(e.eventAction()).isEqualTo("trigger"));
    assertThat(out)
        .extracting(EscalationDelivered::operation)
        .containsExactly(Operations.TRIGGER, Operations.CREATE_TICKET);
    assertThat(out).allMatch(d -> d.status() == DeliveryStatus.DELIVERED);
    String ticket = Files.readString(dir.resolve("tickets/BKS-1.md"));
    assertThat(ticket)
        .contains("# Incident " + INCIDENT)
        .contains("## Model calls")
        .contains("sha-in-rollout-history")
        .contains("suggested human action")
        .contains("| PAGE | trigger | " + INCIDENT + " | DELIVERED | 1 |");
  }

  @Test
  void aRedeliveredEscalationChangesNothing() {
    escalator.onEscalated(Decisions.actionBlocked());

    List<EscalationDelivered> again = escalator.onEscalated(Decisions.actionBlocked());

    assertThat(again).isEmpty();
    assertThat(pager.received()).hasSize(1);
    assertThat(dir.resolve("tickets/BKS-2.json")).doesNotExist();
  }

  @Test
  void aRedeliveryAfterARestartChangesNothingBecauseTheLedgerComesFromTheAudit() {
    escalator.onEscalated(Decisions.actionBlocked());
    Escalator restarted = escalator(new DeliveryLedger(), audit);

    assertThat(restarted.onEscalated(Decisions.actionBlocked())).isEmpty();
    assertThat(pager.received()).hasSize(1);
  }

  @Test
  void aRetryAfterARolledBackTransactionWritesTheRecordsAgainButDoesNotPageAgain() {
    audit.rollingBack = true;
    List<EscalationDelivered> first = escalator.onEscalated(Decisions.actionBlocked());
    audit.rollingBack = false;

    List<EscalationDelivered> retry = escalator.onEscalated(Decisions.actionBlocked());

    assertThat(retry).isEmpty();
    assertThat(pager.received()).hasSize(1);
    assertThat(audit.eventsOf(Alerts.INCIDENT))
        .filteredOn(EscalationDelivered.class::isInstance)
        .containsExactlyElementsOf(first);
  }

  @Test
  void aVerifiedActionAfterAnEscalationResolvesTheSamePageAndTicket() throws Exception {
    escalator.onEscalated(Decisions.actionBlocked());

    List<EscalationDelivered> out = escalator.onOutcome(Decisions.rollbackVerified());

    assertThat(out)
        .extracting(EscalationDelivered::operation)
        .containsExactly(Operations.RESOLVE, Operations.UPDATE_TICKET, Operations.CHANGE);
    assertThat(pager.states()).containsEntry(INCIDENT, "resolved");
    assertThat(pager.received(INCIDENT))
        .extracting(e -> e.eventAction())
        .containsExactly("trigger", "resolve");
    assertThat(Files.readString(dir.resolve("tickets/BKS-1.md")))
        .contains("status: resolved")
        .contains("executed: **VERIFIED**");
    assertThat(dir.resolve("tickets/BKS-2.json")).doesNotExist();
  }

  @Test
  void aVerifiedActionWithNoPageYetTellsTheOnCallItActedThenResolves() throws Exception {
    List<EscalationDelivered> out = escalator.onOutcome(Decisions.rollbackVerified());

    assertThat(pager.received(INCIDENT))
        .extracting(e -> e.eventAction())
        .containsExactly("trigger", "resolve");
    assertThat(pager.received(INCIDENT).get(0).payload()).containsEntry("severity", "info");
    assertThat(out)
        .extracting(EscalationDelivered::operation)
        .containsExactly(
            Operations.TRIGGER,
            Operations.RESOLVE,
            Operations.CREATE_TICKET,
            Operations.UPDATE_TICKET,
            Operations.CHANGE);
    assertThat(Files.readString(dir.resolve("tickets/BKS-1.md"))).contains("status: resolved");
  }

  @Test
  void everyWriteIsAChangeEventOnTheServicesTimelineOnceWithItsIncident() {
    var verified = Decisions.rollbackVerified();

    List<EscalationDelivered> out = escalator.onOutcome(verified);
    List<EscalationDelivered> again = escalator.onOutcome(verified);

    assertThat(out)
        .filteredOn(d -> d.operation().equals(Operations.CHANGE))
        .singleElement()
        .satisfies(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED))
        .satisfies(d -> assertThat(d.channel()).isEqualTo(Channel.PAGE));
    assertThat(again).isEmpty();
    assertThat(pager.changes()).singleElement();
    var change = pager.changes().get(0);
    assertThat(change.body())
        .containsKey("routing_key")
        .doesNotContainKeys("event_action", "dedup_key");
    assertThat((String) change.payload().get("summary"))
        .contains("ROLLBACK")
        .contains(INCIDENT)
        .endsWith("VERIFIED");
    assertThat(change.payload().get("custom_details").toString())
        .contains("incident=" + INCIDENT)
        .contains("action_id=" + verified.actionId())
        .contains("status=VERIFIED");
    assertThat(change.payload())
        .containsEntry("timestamp", verified.header().occurredAt().toString());
    assertThat(pager.received(INCIDENT))
        .as("a change event pages no one")
        .extracting(e -> e.eventAction())
        .containsExactly("trigger", "resolve");
  }

  @Test
  void anOutcomeThatWroteNothingIsNoChangeEvent() {
    var verified = Decisions.rollbackVerified();
    var refused =
        io.backstop.events.codec.EventCodec.seal(
            new io.backstop.events.ActionExecuted(
                verified.header().withHash(null),
                verified.actionId(),
                verified.action(),
                io.backstop.events.action.ExecutionStatus.REFUSED,
                3L,
                3L,
                verified.shaBefore(),
                verified.shaBefore(),
                verified.verification(),
                "live revision moved"));

    List<EscalationDelivered> out = escalator.onOutcome(refused);

    assertThat(out).extracting(EscalationDelivered::operation).doesNotContain(Operations.CHANGE);
    assertThat(pager.changes()).isEmpty();
  }

  @Test
  void anActionThatDidNotRecoverReTriggersTheSamePageAtErrorAndUpdatesTheSameTicket() {
    escalator.onEscalated(Decisions.actionBlocked());
    var verified = Decisions.rollbackVerified();
    var notRecovered =
        io.backstop.events.codec.EventCodec.seal(
            new io.backstop.events.ActionExecuted(
                verified.header().withHash(null),
                verified.actionId(),
                verified.action(),
                io.backstop.events.action.ExecutionStatus.NOT_RECOVERED,
                3L,
                4L,
                verified.shaBefore(),
                verified.shaAfter(),
                verified.verification(),
                "error ratio still 0.40 after 5 minutes"));

    List<EscalationDelivered> out = escalator.onOutcome(notRecovered);

    assertThat(out)
        .extracting(EscalationDelivered::operation)
        .containsExactly(Operations.TRIGGER, Operations.UPDATE_TICKET, Operations.CHANGE);
    assertThat(pager.changes()).singleElement();
    assertThat(pager.received(INCIDENT)).hasSize(2);
    assertThat(pager.received(INCIDENT).get(1).payload())
        .containsEntry("severity", "error")
        .containsEntry("class", "ACTION_NOT_RECOVERED");
    assertThat(pager.received(INCIDENT).get(1).payload().get("custom_details").toString())
        .contains("ticket=BKS-1");
    assertThat(pager.states()).containsEntry(INCIDENT, "triggered");
    assertThat(dir.resolve("tickets/BKS-2.json")).doesNotExist();
  }

  @Test
  void aPagerThatIsDownOwesThePageInsteadOfDeadLetteringItAndTheTicketStillOpens() {
    pager.failNext(3, 503);

    List<EscalationDelivered> out = escalator.onEscalated(Decisions.actionBlocked());

    assertThat(out.get(0).channel()).isEqualTo(Channel.PAGE);
    assertThat(out.get(0).status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(out.get(0).attempts()).isEqualTo(3);
    assertThat(out.get(0).detail()).startsWith("503");
    assertThat(deadLetters).isEmpty();
    assertThat(out.get(1).status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(pages.owed()).isEqualTo(1);
  }

  @Test
  void anOwedPageIsDeliveredInTheBackgroundOnceThePagerIsBack() {
    pager.failNext(3, 503);
    escalator.onEscalated(Decisions.actionBlocked());

    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> pager.received(INCIDENT).size() == 1);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> pages.owed() == 0);

    assertThat(audit.published)
        .filteredOn(EscalationDelivered.class::isInstance)
        .map(EscalationDelivered.class::cast)
        .filteredOn(d -> d.channel() == Channel.PAGE)
        .extracting(EscalationDelivered::status)
        .containsExactly(DeliveryStatus.PENDING, DeliveryStatus.DELIVERED);
  }

  @Test
  void aLaterPageOfTheIncidentWaitsBehindAnOwedOneSoTheOrderIsKept() {
    pager.failNext(3, 503);
    escalator.onEscalated(Decisions.actionBlocked());

    List<EscalationDelivered> later = escalator.onOutcome(Decisions.rollbackVerified());

    assertThat(later)
        .filteredOn(d -> d.channel() == Channel.PAGE && !d.operation().equals(Operations.CHANGE))
        .allMatch(d -> d.status() == DeliveryStatus.PENDING);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> pages.owed() == 0);
    assertThat(pager.received(INCIDENT))
        .extracting(e -> e.eventAction())
        .containsExactly("trigger", "resolve");
  }

  @Test
  void aPageThePagerRefusesIsDeadLetteredWithThePayload() {
    pager.failNext(1, 400);

    List<EscalationDelivered> out = escalator.onEscalated(Decisions.actionBlocked());

    assertThat(out.get(0).status()).isEqualTo(DeliveryStatus.DEAD_LETTERED);
    assertThat(out.get(0).attempts()).isEqualTo(1);
    assertThat(deadLetters)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.source()).isEqualTo(Decisions.actionBlocked());
              assertThat(d.received())
                  .isEqualTo(io.backstop.events.codec.EventCodec.encode(Decisions.actionBlocked()));
              assertThat(d.inputTopic()).isEqualTo(Topics.ESCALATIONS);
              assertThat(d.request()).contains("\"dedup_key\":\"" + INCIDENT + "\"");
              assertThat(d.error()).startsWith("400");
            });
    assertThat(pages.owed()).isZero();
  }

  @Test
  void aDeadLetteredPageIsTriedAgainWhenTheEventIsReplayed() {
    pager.failNext(1, 400);
    escalator.onEscalated(Decisions.actionBlocked());

    List<EscalationDelivered> replay = escalator.onEscalated(Decisions.actionBlocked());

    assertThat(replay)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.operation()).isEqualTo(Operations.TRIGGER);
              assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED);
            });
    assertThat(pager.received(INCIDENT)).hasSize(1);
  }

  @Test
  void aTicketServerThatIsDownIsDeadLetteredAndThePageStillGoesOut() {
    tickets.close();

    List<EscalationDelivered> out = escalator.onEscalated(Decisions.actionBlocked());

    assertThat(pager.received(INCIDENT)).hasSize(1);
    assertThat(out.get(1).channel()).isEqualTo(Channel.TICKET);
    assertThat(out.get(1).status()).isEqualTo(DeliveryStatus.DEAD_LETTERED);
    assertThat(deadLetters)
        .singleElement()
        .satisfies(d -> assertThat(d.channel()).isEqualTo(Channel.TICKET));
  }

  @Test
  void anUnreadableAuditStillPages() {
    Escalator blind =
        new Escalator(
            collaborators(
                new DeliveryLedger(),
                audit,
                incident -> {
                  throw new IllegalStateException("audit unreachable");
                }));

    blind.onEscalated(Decisions.actionBlocked());

    assertThat(pager.received(INCIDENT)).hasSize(1);
  }

  @Test
  void anApprovalRequestPagesWithTheConsoleLinkAndOpensATicketCarryingIt() throws Exception {
    var approval = Decisions.approvalRequested();
    var withConsole =
        new Escalator(
            new Collaborators(
                audit,
                new BundleRenderer("https://backstop.example/"),
                new PageComposer(
                    "R0UTING",
                    "backstop",
                    List.of(),
                    java.net.URI.create("https://backstop.example/")),
                new EventsV2Client(pager.url(), Duration.ofSeconds(2), fast, Fixtures.CLOCK),
                ticketClient,
                new DeliveryLedger(),
                deadLetters::add,
                audit,
                List.of("backstop"),
                Fixtures.CLOCK,
                pages));

    List<EscalationDelivered> out =
        withConsole.onApprovalRequested(
            approval, io.backstop.events.codec.EventCodec.encode(approval));

    String url = "https://backstop.example/approvals/" + approval.actionId();
    assertThat(out).extracting(EscalationDelivered::status).containsOnly(DeliveryStatus.DELIVERED);
    assertThat(pager.received(INCIDENT))
        .singleElement()
        .satisfies(e -> assertThat(e.body().toString()).contains(url).contains("APPROVAL NEEDED"));
    String ticket = Files.readString(dir.resolve("tickets/BKS-1.md"));
    assertThat(ticket).contains(url).contains("AWAITING APPROVAL");
  }

  private Escalator escalator(DeliveryLedger ledger, RecordingPublisher audit) {
    return new Escalator(collaborators(ledger, audit, audit));
  }

  private Collaborators collaborators(
      DeliveryLedger ledger, RecordingPublisher publisher, IncidentHistory history) {
    return new Collaborators(
        history,
        new BundleRenderer(),
        new PageComposer("R0UTING", "backstop", List.of()),
        new EventsV2Client(pager.url(), Duration.ofSeconds(2), fast, Fixtures.CLOCK),
        ticketClient,
        ledger,
        deadLetters::add,
        publisher,
        List.of("backstop"),
        Fixtures.CLOCK,
        pages);
  }

  static List<IncidentEvent> blockedIncidentSoFar() {
    return List.of(
        Alerts.checkoutErrorRate(),
        Signals.badDeploy(),
        Diagnoses.hallucinatedRollbackAll(),
        Decisions.hallucinationRejected(),
        Decisions.actionBlocked());
  }
}
