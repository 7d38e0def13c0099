package io.backstop.cli.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.backstop.cli.CliHarness;
import io.backstop.cli.CliHarness.Result;
import io.backstop.cli.ExitCodes;
import io.backstop.events.ApprovalRequested;
import io.backstop.events.EventHeader;
import io.backstop.events.HumanDecision;
import io.backstop.events.IncidentEvent;
import io.backstop.events.RequestRefused;
import io.backstop.events.approval.DecisionVerdict;
import io.backstop.events.approval.RefusalReason;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Decisions;
import io.backstop.events.id.ActionId;
import io.backstop.events.id.IncidentId;
import io.backstop.localkafka.LocalKafka;
import io.backstop.localkafka.LocalKafkaBroker;
import io.backstop.localkafka.StackHome;
import io.backstop.stack.Credentials;
import io.backstop.stack.StackPorts;
import io.backstop.stack.services.InProcessServiceLauncher;
import io.backstop.stack.services.RunningService;
import io.backstop.stack.services.ServiceSpec;
import io.backstop.stack.services.ServiceSpecs;
import io.backstop.stream.audit.AuditLogReader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backstop approvals list|show|approve|deny} against a real escalation-service (its console
 * API over HTTP, Spring Security, bearer tokens) on a real local broker, as {@code backstop up}
 * wires it: the local users' tokens under the data directory ({@code --as USER}). Every refusal is
 * named on the terminal (not authenticated, forbidden, no such approval, expired, same approver)
 * and exits 1; a console that cannot be reached exits 3; a decision reaches the decisions topic
 * naming the person. No guardrail runs here, so an approval stays pending: what the guardrail does
 * with a decision is {@code ApprovalEndToEndTest}'s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalCommandsIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir static Path home;
  private LocalKafkaBroker broker;
  private RunningService escalation;
  private String console;
  private ApprovalRequested pending;
  private ApprovalRequested toApprove;
  private ApprovalRequested toDeny;
  private ApprovalRequested lapsed;

  @BeforeAll
  void startBrokerAndConsole() throws Exception {
    broker = new LocalKafka(new StackHome(home), CliHarness.freePort()).start();
    Credentials credentials = Credentials.generate(home);
    StackPorts ports = new StackPorts(CliHarness.freePort() - 85);
    URI nowhere = URI.create("http://127.0.0.1:9");
    var wiring =
        new ServiceSpecs.Wiring(
            broker.bootstrapServers(),
            null,
            nowhere.toString(),
            nowhere,
            nowhere,
            nowhere,
            Optional.empty());
    ServiceSpec spec =
        ServiceSpecs.all(ports, wiring, credentials).stream()
            .filter(s -> s.name().equals("escalation-service"))
            .findFirst()
            .orElseThrow();
    escalation = new InProcessServiceLauncher().start(spec);
    console = ServiceSpecs.consoleUrl(ports);
    credentials.console().writeTo(home, console);

    pending = approval("inc-cli-pending", Duration.ofMinutes(15));
    toApprove = approval("inc-cli-approve", Duration.ofMinutes(15));
    toDeny = approval("inc-cli-deny", Duration.ofMinutes(15));
    lapsed = approval("inc-cli-lapsed", Duration.ofSeconds(-5));
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers(), "acks", "all"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (IncidentEvent event : List.of(pending, toApprove, toDeny, lapsed)) {
        producer.send(CliHarness.auditRecord(event)).get();
      }
    }
    await()
        .atMost(WAIT)
        .until(
            () ->
                run("approvals", "list", "--as", "vera")
                    .out()
                    .contains(lapsed.actionId().toString()));
  }

  @AfterAll
  void stop() {
    if (escalation != null) {
      escalation.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void listShowsEachApprovalWithItsStatusApprovalsAndWrite() {
    Result list = run("approvals", "list", "--as", "vera");

    assertThat(list.code()).isEqualTo(ExitCodes.OK);
    assertThat(list.out())
        .contains("ID", "STATUS", "LAPSES IN", "APPROVALS")
        .containsPattern(
            pending.actionId()
                + "\\s+PENDING\\s+\\d+s\\s+0 of 1\\s+roll back deployment/shop/checkout")
        // no guardrail runs here to close it as expired: its time is up, and it says so
        .containsPattern(lapsed.actionId() + "\\s+PENDING\\s+lapsed\\s+0 of 1");
    assertThat(run("approvals", "list", "--status", "denied", "--as", "vera").out())
        .isEqualTo("No approvals." + System.lineSeparator());
  }

  @Test
  void showPrintsTheExactPatchAsSentTheVerdictsAndTheConsoleLink() {
    Result show = run("approvals", "show", pending.actionId().toString(), "--as", "vera");

    assertThat(show.code()).isEqualTo(ExitCodes.OK);
    assertThat(show.out())
        .contains("roll back deployment/shop/checkout from revision 3 to revision 2")
        .contains("status:      PENDING")
        .contains("JSON Patch as sent:")
        .contains("/metadata/annotations/deployment.kubernetes.io~1revision")
        .contains("autonomy.tier-confidence")
        .contains("console: " + console + "/approvals/" + pending.actionId());
  }

  @Test
  void anApproverApprovesOnceOverTheApiAndTheDecisionNamesHer() {
    String id = toApprove.actionId().toString();

    Result approve =
        run("approvals", "approve", id, "--comment", "revision 3 crash-loops", "--as", "alice");

    assertThat(approve.code()).as(approve.err()).isEqualTo(ExitCodes.OK);
    assertThat(approve.out()).contains("Approval by alice sent to the guardrail");
    HumanDecision decision = awaitOne(toApprove, HumanDecision.class);
    assertThat(decision.principal()).isEqualTo("alice");
    assertThat(decision.verdict()).isEqualTo(DecisionVerdict.APPROVED);
    assertThat(decision.comment()).isEqualTo("revision 3 crash-loops");
    assertThat(decision.origin()).startsWith("api ");
    assertThat(decision.header().causationId()).isEqualTo(toApprove.eventId());

    await()
        .atMost(WAIT)
        .until(() -> run("approvals", "show", id, "--as", "vera").out().contains("1 of 1"));
    Result twice = run("approvals", "approve", id, "--comment", "me again", "--as", "alice");

    assertThat(twice.code()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(twice.err())
        .startsWith("backstop: refused, same approver (HTTP 409): ")
        .contains("a second approval must come from another person");
    assertThat(all(toApprove, HumanDecision.class)).hasSize(1);
  }

  @Test
  void aDenialIsSentNamingThePersonAndTheirReason() {
    Result deny =
        run(
            "approvals",
            "deny",
            toDeny.actionId().toString(),
            "--comment",
            "payments is rolling forward",
            "--as",
            "bob");

    assertThat(deny.code()).as(deny.err()).isEqualTo(ExitCodes.OK);
    assertThat(deny.out()).contains("Denial by bob sent to the guardrail");
    HumanDecision decision = awaitOne(toDeny, HumanDecision.class);
    assertThat(decision.verdict()).isEqualTo(DecisionVerdict.DENIED);
    assertThat(decision.comment()).isEqualTo("payments is rolling forward");
  }

  @Test
  void aViewersApproveIsRefusedAsForbiddenAndAudited() {
    Result refused =
        run(
            "approvals",
            "approve",
            pending.actionId().toString(),
            "--comment",
            "looks fine",
            "--as",
            "vera");

    assertThat(refused.code()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(refused.err())
        .startsWith("backstop: refused, forbidden (HTTP 403): ")
        .contains("need the approver role");
    await()
        .atMost(WAIT)
        .until(
            () ->
                all(pending, RequestRefused.class).stream()
                    .anyMatch(
                        r ->
                            r.reason() == RefusalReason.FORBIDDEN && r.principal().equals("vera")));
    assertThat(all(pending, HumanDecision.class)).isEmpty();
  }

  @Test
  void aTokenTheConsoleDoesNotKnowIsRefusedAsNotAuthenticated() {
    Result refused = run("approvals", "list", "--token", "not-a-token-of-this-console");

    assertThat(refused.code()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(refused.err())
        .startsWith("backstop: refused, not authenticated (HTTP 401): ")
        .contains("pass --token");
  }

  @Test
  void anUnknownApprovalIsRefusedAsNoSuchApproval() {
    String unknown = UUID.randomUUID().toString();

    Result show = run("approvals", "show", unknown, "--as", "alice");
    Result approve =
        run("approvals", "approve", unknown, "--comment", "what is it", "--as", "alice");

    assertThat(show.code()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(show.err()).startsWith("backstop: refused, no such approval (HTTP 404): ");
    assertThat(approve.code()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(approve.err())
        .startsWith("backstop: refused, no such approval (HTTP 404): ")
        .contains("backstop approvals list");
  }

  @Test
  void aLapsedApprovalIsRefusedAsExpiredAndNothingIsSent() {
    Result refused =
        run(
            "approvals",
            "approve",
            lapsed.actionId().toString(),
            "--comment",
            "too late",
            "--as",
            "alice");

    assertThat(refused.code()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(refused.err())
        .startsWith("backstop: refused, expired (HTTP 409): ")
        .contains("nothing was written");
    assertThat(all(lapsed, HumanDecision.class)).isEmpty();
  }

  @Test
  void aDecisionWithoutACommentIsAUsageErrorAndSendsNothing() {
    Result missing = run("approvals", "approve", pending.actionId().toString(), "--as", "alice");

    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("--comment");
  }

  @Test
  void aConsoleThatCannotBeReachedIsAFailureNotARefusal() throws IOException {
    Result failed =
        run(
            "approvals",
            "list",
            "--url",
            "http://127.0.0.1:" + CliHarness.freePort(),
            "--as",
            "vera");

    assertThat(failed.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(failed.err()).startsWith("backstop: cannot reach the console at http://127.0.0.1:");
  }

  // ---- helpers ----

  /** The fixture's approval request, moved to its own incident and action, lapsing as asked. */
  private static ApprovalRequested approval(String incident, Duration lapsesIn) {
    ApprovalRequested r = Decisions.approvalRequested();
    EventHeader header =
        new EventHeader(
            r.eventId(),
            IncidentId.of(incident),
            r.header().causationId(),
            r.header().stage(),
            Instant.now(),
            1,
            null,
            null);
    return EventCodec.seal(
        new ApprovalRequested(
            header,
            ActionId.of(UUID.randomUUID().toString()),
            r.action(),
            r.plan(),
            r.preconditions(),
            r.verdicts(),
            r.reason(),
            r.summary(),
            Instant.now().plus(lapsesIn),
            r.approversRequired(),
            r.budgetLeft(),
            r.diagnosis()));
  }

  private <T extends IncidentEvent> T awaitOne(ApprovalRequested request, Class<T> type) {
    await().atMost(WAIT).until(() -> !all(request, type).isEmpty());
    return all(request, type).get(0);
  }

  private <T extends IncidentEvent> List<T> all(ApprovalRequested request, Class<T> type) {
    IncidentId incident = request.incidentId();
    List<T> found = new ArrayList<>();
    new AuditLogReader(broker.bootstrapServers(), Duration.ofSeconds(10))
        .readIncident(incident).timeline(incident).events().stream()
            .filter(type::isInstance)
            .map(type::cast)
            .forEach(found::add);
    return found;
  }

  private Result run(String... args) {
    return CliHarness.run(home, args);
  }
}
