package io.backstop.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.backstop.events.ActionApproved;
import io.backstop.events.ApprovalRequested;
import io.backstop.events.Escalated;
import io.backstop.events.EventHeader;
import io.backstop.events.HumanDecision;
import io.backstop.events.IncidentEvent;
import io.backstop.events.RequestRefused;
import io.backstop.events.Stage;
import io.backstop.events.Topics;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.approval.DecisionVerdict;
import io.backstop.events.approval.RefusalReason;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.events.id.ActionId;
import io.backstop.events.id.IncidentId;
import io.backstop.localkafka.StackHome;
import io.backstop.sandbox.api.WriteRecord;
import io.backstop.scenario.Scenario;
import io.backstop.scenario.ScenarioLoader;
import io.backstop.stack.ConsoleAccess.LocalUser;
import io.backstop.stack.scenario.ScenarioResult;
import io.backstop.stack.scenario.ScenarioRunner;
import io.backstop.stream.audit.AuditLogReader;
import io.backstop.stream.audit.AuditReadException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A person approves the exact write, end to end on one local stack (real broker, sandbox cluster,
 * model simulator, the five services) and in a real headless Chromium. Three alerts of the {@code
 * approval-needed} scenario open three incidents, each ending in a pending approval (the fallback
 * tier's right answer falls short of its write confidence): one is approved in the console and the
 * executor verifies the fix; one is denied and its incident stays escalated, after a viewer's
 * approve and a post without the CSRF token were refused on the record; one is left alone and
 * lapses. Then, on the wire: a redelivered decision does not write twice, and decisions for an
 * unknown or a lapsed approval are refused on the record and change nothing. Over all of it, the
 * cluster sees exactly one write. The approvals lapse after {@value #EXPIRY_SECONDS}s here (a
 * policy file of the test's; 15 minutes by default). A failed browser step keeps a screenshot in
 * {@code target/browser-failures/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApprovalEndToEndTest {

  static final int EXPIRY_SECONDS = 150;
  private static final Duration WAIT = Duration.ofSeconds(90);

  private LocalStack stack;
  private Path home;
  private Browser browser;
  private ApprovalRequested lapsing;
  private ApprovalRequested denied;
  private ApprovalRequested approved;

  @RegisterExtension
  final TestWatcher screenshots =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          if (browser != null) {
            browser.screenshot(
                Path.of("target", "browser-failures", context.getDisplayName() + ".png"));
            try {
              Files.writeString(
                  Path.of("target", "browser-failures", context.getDisplayName() + ".html"),
                  browser.page());
            } catch (IOException | RuntimeException e) {
              // the screenshot is what matters
            }
          }
        }
      };

  @BeforeAll
  void startStackAndRequestThreeApprovals() throws IOException {
    assumeTrue(Browser.missing().isEmpty(), Browser.missing().orElse(""));
    Scenario scenario = ScenarioLoader.loadResource("approval-needed.yaml");
    home = Path.of("target", "e2e-approvals-" + System.nanoTime());
    Files.createDirectories(home);
    Path policies = home.resolve("policies.yaml");
    Files.writeString(policies, shortExpiryPolicies());
    StackOptions options =
        new StackOptions(
                new StackHome(home),
                TestPorts.freeBase(),
                scenario,
                false,
                StackOptions.Prometheus.QUERIES_ONLY,
                StackOptions.testTiming())
            .withServiceProperties(
                Map.of(
                    "guardrail-service",
                    Map.of("backstop.guardrail.policy-file", policies.toString())));
    stack = LocalStack.start(options, line -> {});
    lapsing = requestApproval();
    denied = requestApproval();
    approved = requestApproval();
    browser = Browser.open(stack.consoleUrl().toString());
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void aViewerSeesThePatchButHerApproveIsRefusedOnTheRecord() {
    browser.logIn("vera", user("vera").password());
    browser.go("/approvals/" + denied.actionId());

    assertThat(browser.text("patch-json"))
        .contains("\"op\" : \"test\"")
        .contains("/metadata/annotations/deployment.kubernetes.io~1revision")
        .contains("/spec/template");
    assertThat(browser.text("approval-status")).isEqualTo("PENDING");
    assertThat(browser.find("approve").isEnabled()).isFalse();

    browser.script(
        "document.getElementById('approve').disabled = false;"
            + "document.getElementById('comment').value = 'a viewer tries anyway';"
            + "document.getElementById('approve').click();");

    assertThat(browser.text("refused")).contains("does not allow POST");
    RequestRefused refusal = awaitRefusal(denied, RefusalReason.FORBIDDEN);
    assertThat(refusal.principal()).isEqualTo("vera");
    assertThat(all(denied.incidentId(), HumanDecision.class)).isEmpty();
  }

  @Test
  @Order(2)
  void aPostWithoutTheCsrfTokenIsRefusedOnTheRecord() {
    browser.logIn("alice", user("alice").password());
    browser.go("/approvals/" + denied.actionId());

    browser.script(
        "document.querySelectorAll('#decision-form input[name=_csrf]').forEach(e => e.remove());"
            + "document.getElementById('comment').value = 'sent from another site';"
            + "document.getElementById('approve').click();");

    assertThat(browser.text("refused")).contains("CSRF");
    RequestRefused refusal = awaitRefusal(denied, RefusalReason.CSRF);
    assertThat(refusal.principal()).isEqualTo("alice");
    assertThat(all(denied.incidentId(), HumanDecision.class)).isEmpty();
  }

  @Test
  @Order(3)
  void aDeniedApprovalLeavesTheIncidentEscalatedAndWritesNothing() {
    browser.logIn("alice", user("alice").password());
    browser.go("/approvals/" + denied.actionId());
    browser.find("comment").sendKeys("the payments team is rolling forward a fix instead");
    browser.find("deny").click();

    browser.awaitText("approval-status", "DENIED", WAIT);
    assertThat(browser.text("closed")).contains("nothing was written");
    browser.go("/incidents/" + denied.incidentId());
    assertThat(browser.text("incident-status")).isEqualTo("ESCALATED");
    assertThat(browser.text("chain")).contains("Hash chain verified");
    Escalated escalated = awaitEscalation(denied, EscalationReason.APPROVAL_DENIED);
    assertThat(escalated.summary()).contains("alice denied");
    assertThat(all(denied.incidentId(), ActionApproved.class)).isEmpty();
    assertThat(executorWrites()).isEmpty();
    awaitTicketComment(denied, "DENIED by alice at ");
    assertThat(ticket(denied).path("status").asText()).isEqualTo("open");
    assertThat(lastTicketComment(denied))
        .contains("the payments team is rolling forward a fix instead")
        .contains("Console: " + stack.consoleUrl() + "/approvals/" + denied.actionId());
  }

  @Test
  @Order(4)
  void anApprovedWriteIsMadeOnceAndTheExecutorVerifiesIt() {
    browser.logIn("alice", user("alice").password());
    browser.go("/");
    assertThat(browser.find("pending").getAttribute("innerHTML"))
        .contains(approved.actionId().toString());
    keepForTheReadme("console-overview.png");
    browser.go("/approvals/" + approved.actionId());
    assertThat(browser.text("patch-diff")).contains("/spec/template").contains("revision 3");
    browser
        .find("comment")
        .sendKeys("revision 3 crash-loops since its deploy; revision 2 ran 3 days");
    keepForTheReadme("console-approval.png");
    browser.find("approve").click();

    browser.awaitText("notice", "sent to the guardrail", WAIT);
    browser.awaitText("executor-status", "VERIFIED", Duration.ofSeconds(150));
    assertThat(browser.text("approval-status")).isEqualTo("APPROVED");
    ActionApproved release = all(approved.incidentId(), ActionApproved.class).get(0);
    assertThat(release.approvers()).extracting(a -> a.principal()).containsExactly("alice");
    assertThat(release.header().signature()).isNotNull();
    assertThat(executorWrites())
        .singleElement()
        .satisfies(w -> assertThat(w.path()).endsWith("/namespaces/shop/deployments/checkout"));
    browser.go("/incidents/" + approved.incidentId());
    assertThat(browser.text("incident-status")).isEqualTo("RESOLVED");
    awaitTicketComment(approved, "VERIFIED");
    assertThat(ticketComments(approved)).anyMatch(c -> c.contains("APPROVED by alice at "));
    assertThat(ticket(approved).path("status").asText()).isEqualTo("resolved");
  }

  @Test
  @Order(5)
  void aRedeliveredDecisionDoesNotWriteTwice() throws Exception {
    HumanDecision decision =
        all(approved.incidentId(), HumanDecision.class).stream()
            .filter(d -> d.verdict() == DecisionVerdict.APPROVED)
            .findFirst()
            .orElseThrow();

    redeliverAndAwaitConsumed(decision);

    assertThat(executorWrites()).hasSize(1);
    assertThat(
            all(approved.incidentId(), ActionApproved.class).stream()
                .map(IncidentEvent::eventId)
                .distinct())
        .hasSize(1);
    assertThat(
            all(approved.incidentId(), io.backstop.events.ActionExecuted.class).stream()
                .filter(x -> x.status() != ExecutionStatus.ALREADY_APPLIED))
        .hasSize(1);
  }

  @Test
  @Order(6)
  void aDecisionForAnUnknownApprovalIsOnlyARefusal() throws Exception {
    HumanDecision forged =
        decision(approved, ActionId.of(UUID.randomUUID().toString()), "bob", "approve this too");

    redeliverAndAwaitConsumed(forged);

    assertThat(all(approved.incidentId(), RequestRefused.class))
        .anySatisfy(
            r -> {
              assertThat(r.header().causationId()).isEqualTo(forged.eventId());
              assertThat(r.reason()).isEqualTo(RefusalReason.UNKNOWN_APPROVAL);
            });
    assertThat(executorWrites()).hasSize(1);
  }

  @Test
  @Order(7)
  void anApprovalLeftAloneLapsesEscalatesAndRefusesLateDecisions() throws Exception {
    Escalated lapsed =
        awaitEscalation(
            lapsing, EscalationReason.APPROVAL_EXPIRED, Duration.ofSeconds(EXPIRY_SECONDS + 60));
    assertThat(lapsed.summary()).contains("Nothing was written");
    browser.logIn("bob", user("bob").password());
    browser.go("/approvals/" + lapsing.actionId());
    browser.awaitText("approval-status", "EXPIRED", WAIT);
    browser.go("/incidents/" + lapsing.incidentId());
    assertThat(browser.text("incident-status")).isEqualTo("ESCALATED");
    awaitTicketComment(lapsing, "EXPIRED at " + lapsing.expiresAt());
    assertThat(ticket(lapsing).path("status").asText()).isEqualTo("open");

    HttpResponse<String> late =
        api(
            "POST",
            "/api/v1/approvals/" + lapsing.actionId() + "/approve",
            "bob",
            "{\"comment\":\"late\"}");
    assertThat(late.statusCode()).isEqualTo(409);
    assertThat(late.body()).contains("EXPIRED");
    HumanDecision direct =
        decision(lapsing, lapsing.actionId(), "bob", "approved on the wire, late");
    redeliverAndAwaitConsumed(direct);

    assertThat(all(lapsing.incidentId(), RequestRefused.class))
        .anySatisfy(
            r -> {
              assertThat(r.header().causationId()).isEqualTo(direct.eventId());
              assertThat(r.reason()).isEqualTo(RefusalReason.EXPIRED);
            })
        .anySatisfy(r -> assertThat(r.header().stage()).isEqualTo(Stage.ESCALATION));
    assertThat(all(lapsing.incidentId(), ActionApproved.class)).isEmpty();
    assertThat(executorWrites()).hasSize(1);
  }

  // ---- the stack's side ----

  private ApprovalRequested requestApproval() {
    ScenarioResult result = new ScenarioRunner(stack, ScenarioRunner.RunOptions.forTests()).run();
    assertThat(result.failures()).as("%s", result.failures()).isEmpty();
    assertThat(result.outcome()).isEqualTo("APPROVAL_REQUESTED");
    return all(IncidentId.of(result.incidentId()), ApprovalRequested.class).get(0);
  }

  private static String shortExpiryPolicies() throws IOException {
    try (InputStream in =
        ApprovalEndToEndTest.class
            .getClassLoader()
            .getResourceAsStream("io/backstop/safety/policies.yaml")) {
      String policies = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(policies).contains("expiry: PT15M");
      return policies.replace("expiry: PT15M", "expiry: PT" + EXPIRY_SECONDS + "S");
    }
  }

  /**
   * With {@code -Dbackstop.screenshots=true}, the browser's view as it is now goes to the project's
   * {@code docs/} for the README (see the README for the command that regenerates them).
   */
  private void keepForTheReadme(String name) {
    if (Boolean.getBoolean("backstop.screenshots")) {
      browser.screenshot(Path.of("..", "..", "docs", name));
    }
  }

  // ---- the ticket server's own record of each incident's ticket ----

  private void awaitTicketComment(ApprovalRequested approval, String text) {
    await()
        .atMost(WAIT)
        .until(() -> ticketComments(approval).stream().anyMatch(c -> c.contains(text)));
  }

  private String lastTicketComment(ApprovalRequested approval) {
    List<String> comments = ticketComments(approval);
    return comments.isEmpty() ? "" : comments.get(comments.size() - 1);
  }

  private List<String> ticketComments(ApprovalRequested approval) {
    List<String> comments = new java.util.ArrayList<>();
    ticket(approval).path("comments").forEach(c -> comments.add(c.path("text").asText()));
    return comments;
  }

  private tools.jackson.databind.JsonNode ticket(ApprovalRequested approval) {
    try (var files = Files.list(home.resolve("tickets"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        var ticket = EventCodec.mapper().readTree(Files.readString(f));
        if (approval.incidentId().value().equals(ticket.path("incidentId").asText())) {
          return ticket;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not written yet, or being rewritten: asked again
    }
    return tools.jackson.databind.node.MissingNode.getInstance();
  }

  private LocalUser user(String name) {
    return stack.credentials().console().user(name);
  }

  private List<WriteRecord> executorWrites() {
    return stack.sandbox().snapshot().writes().stream()
        .filter(WriteRecord::applied)
        .filter(w -> w.principal().contains("executor"))
        .toList();
  }

  /**
   * The incident's events of one type. A loaded machine can keep the broker from answering a read
   * for seconds (CI saw ten): the read waits up to thirty, and the awaits below take a read that
   * still timed out as "not yet" rather than as the test's failure.
   */
  private <T extends IncidentEvent> List<T> all(IncidentId incident, Class<T> type) {
    return new AuditLogReader(stack.kafkaClient(), Duration.ofSeconds(30))
        .readIncident(incident).timeline(incident).events().stream()
            .filter(type::isInstance)
            .map(type::cast)
            .toList();
  }

  private RequestRefused awaitRefusal(ApprovalRequested approval, RefusalReason reason) {
    await()
        .atMost(WAIT)
        .ignoreException(AuditReadException.class)
        .until(
            () ->
                all(approval.incidentId(), RequestRefused.class).stream()
                    .anyMatch(r -> r.reason() == reason));
    return all(approval.incidentId(), RequestRefused.class).stream()
        .filter(r -> r.reason() == reason)
        .findFirst()
        .orElseThrow();
  }

  private Escalated awaitEscalation(ApprovalRequested approval, EscalationReason reason) {
    return awaitEscalation(approval, reason, WAIT);
  }

  private Escalated awaitEscalation(
      ApprovalRequested approval, EscalationReason reason, Duration max) {
    await()
        .atMost(max)
        .ignoreException(AuditReadException.class)
        .until(
            () ->
                all(approval.incidentId(), Escalated.class).stream()
                    .anyMatch(e -> e.reason() == reason));
    return all(approval.incidentId(), Escalated.class).stream()
        .filter(e -> e.reason() == reason)
        .findFirst()
        .orElseThrow();
  }

  /** A person's decision as the console would send it, sealed, reacting to the request. */
  private static HumanDecision decision(
      ApprovalRequested request, ActionId about, String principal, String comment) {
    Instant now = Instant.now();
    EventHeader header =
        new EventHeader(
            HumanDecision.idFor(
                request.eventId(), principal + "|" + about, DecisionVerdict.APPROVED),
            request.incidentId(),
            request.eventId(),
            Stage.ESCALATION,
            now,
            1,
            request.header().hash(),
            null);
    return EventCodec.seal(
        new HumanDecision(
            header, about, DecisionVerdict.APPROVED, principal, now, "test on the wire", comment));
  }

  /** Puts the decision on the decisions topic as is, and waits until the guardrail consumed it. */
  private void redeliverAndAwaitConsumed(HumanDecision decision) throws Exception {
    RecordMetadata sent;
    try (var producer =
        new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer())) {
      sent =
          producer
              .send(
                  new ProducerRecord<>(
                      Topics.DECISIONS, decision.incidentId().value(), EventCodec.encode(decision)))
              .get(10, TimeUnit.SECONDS);
    }
    TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
    try (Admin admin = Admin.create(stack.kafkaClient().properties())) {
      await()
          .atMost(WAIT)
          .until(
              () -> {
                var committed =
                    admin
                        .listConsumerGroupOffsets("guardrail-service")
                        .partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS)
                        .get(partition);
                return committed != null && committed.offset() > sent.offset();
              });
    }
    // what the guardrail published in the same transaction is committed with that offset; give
    // the executor a moment to act on it, were it to act (it must not)
    Thread.sleep(3_000);
  }

  /** The stack's own admin identity on its authenticated broker, as a redelivering producer. */
  private Map<String, Object> producerConfig() {
    Map<String, Object> config = new java.util.HashMap<>(stack.kafkaClient().properties());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    return config;
  }

  private HttpResponse<String> api(String method, String path, String as, String json)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(stack.consoleUrl() + path))
            .header("Authorization", "Bearer " + user(as).token())
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
