package io.backstop.escalation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.backstop.events.ApprovalRequested;
import io.backstop.events.HumanDecision;
import io.backstop.events.IncidentEvent;
import io.backstop.events.RequestRefused;
import io.backstop.events.approval.DecisionVerdict;
import io.backstop.events.approval.RefusalReason;
import io.backstop.events.id.IncidentId;
import io.backstop.infra.pager.PagerInbox;
import io.backstop.infra.ticket.TicketMcpServer;
import io.backstop.stream.EventPublisher;
import io.backstop.stream.audit.AuditLogReader;
import io.backstop.stream.testing.EmbeddedBackstopKafka;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console and its API over real HTTP, against a real broker: who may see and decide what, every
 * refusal on the audit log, and a decision that reaches the guardrail's topic exactly as the
 * guardrail expects it (reacting to the request, chained to its hash, naming the person).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedBackstopKafka
class ConsoleIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Path DATA = tempDir();
  private static final PagerInbox PAGER = PagerInbox.start(0, DATA.resolve("pager"));
  private static final TicketMcpServer TICKETS =
      TicketMcpServer.start(0, DATA.resolve("tickets"), "it-token", List.of("http://localhost:*"));
  private static final String PASSWORD = "correct horse battery staple";
  private static final String VIEWER_TOKEN = "viewer-token-0123456789abcdef";
  private static final String APPROVER_TOKEN = "approver-token-0123456789abcdef";
  private static final String OTHER_APPROVER_TOKEN = "approver2-token-0123456789abcdef";

  @Autowired EventPublisher publisher;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void console(DynamicPropertyRegistry registry) {
    registry.add("backstop.escalation.pager.url", () -> PAGER.url().toString());
    registry.add("backstop.escalation.ticket.url", () -> TICKETS.url().toString());
    registry.add("backstop.escalation.ticket.token", () -> "it-token");
    registry.add("backstop.escalation.console.public-url", () -> "https://backstop.example/");
    String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);
    String[][] users = {{"alice", "approver"}, {"vera", "viewer"}, {"ada", "admin"}};
    for (int i = 0; i < users.length; i++) {
      String prefix = "backstop.escalation.console.users[" + i + "].";
      String[] user = users[i];
      registry.add(prefix + "username", () -> user[0]);
      registry.add(prefix + "password-hash", () -> hash);
      registry.add(prefix + "role", () -> user[1]);
    }
    String[][] tokens = {
      {"vera", VIEWER_TOKEN, "viewer"},
      {"alice", APPROVER_TOKEN, "approver"},
      {"bob", OTHER_APPROVER_TOKEN, "approver"}
    };
    for (int i = 0; i < tokens.length; i++) {
      String prefix = "backstop.escalation.console.tokens[" + i + "].";
      String[] token = tokens[i];
      registry.add(prefix + "principal", () -> token[0]);
      registry.add(prefix + "sha256", () -> ApiTokens.hash(token[1]));
      registry.add(prefix + "role", () -> token[2]);
    }
  }

  @AfterAll
  static void stopServers() throws IOException {
    TICKETS.close();
    PAGER.close();
    try (var paths = Files.walk(DATA)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void anApproverApprovesOverTheApiAndTheDecisionReactsToTheRequest() throws Exception {
    ApprovalRequested request = pending("inc-web-approve", Duration.ofMinutes(15));

    HttpResponse<String> sent =
        api("POST", approve(request), APPROVER_TOKEN, comment("rev 3 crash-loops"));

    assertThat(sent.statusCode()).isEqualTo(202);
    HumanDecision decision = awaitOne(request, HumanDecision.class);
    assertThat(decision.principal()).isEqualTo("alice");
    assertThat(decision.verdict()).isEqualTo(DecisionVerdict.APPROVED);
    assertThat(decision.comment()).isEqualTo("rev 3 crash-loops");
    assertThat(decision.origin()).startsWith("api ");
    assertThat(decision.header().causationId()).isEqualTo(request.eventId());
    assertThat(decision.header().parentHash()).isEqualTo(request.header().hash());
    assertThat(decision.eventId())
        .isEqualTo(HumanDecision.idFor(request.eventId(), "alice", DecisionVerdict.APPROVED));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        api("GET", "/api/v1/approvals/" + request.actionId(), VIEWER_TOKEN, null)
                            .body())
                    .contains("\"approvedBy\":[\"alice\"]"));
    HttpResponse<String> again =
        api("POST", approve(request), APPROVER_TOKEN, comment("approving twice"));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(refusals(request))
        .extracting(RequestRefused::reason)
        .contains(RefusalReason.SAME_APPROVER);
    assertThat(all(request, HumanDecision.class)).hasSize(1);
  }

  @Test
  void aViewersApprovalIsRefusedOnTheRecordUnderTheApprovalsIncident() throws Exception {
    ApprovalRequested request = pending("inc-web-viewer", Duration.ofMinutes(15));

    HttpResponse<String> refused =
        api("POST", approve(request), VIEWER_TOKEN, comment("looks fine"));

    assertThat(refused.statusCode()).isEqualTo(403);
    RequestRefused audited = awaitOne(request, RequestRefused.class);
    assertThat(audited.reason()).isEqualTo(RefusalReason.FORBIDDEN);
    assertThat(audited.principal()).isEqualTo("vera");
    assertThat(audited.actionId()).isEqualTo(request.actionId());
    assertThat(all(request, HumanDecision.class)).isEmpty();
  }

  @Test
  void aDecisionWithoutACommentOrForAnUnknownOrLapsedApprovalIsRefusedAndNeverSent()
      throws Exception {
    ApprovalRequested lapsed = pending("inc-web-lapsed", Duration.ofSeconds(-1));

    assertThat(api("POST", approve(lapsed), APPROVER_TOKEN, comment("too late")).statusCode())
        .isEqualTo(409);
    assertThat(api("POST", approve(lapsed), APPROVER_TOKEN, comment(" ")).statusCode())
        .isEqualTo(400);
    String unknown = "/api/v1/approvals/00000000-0000-0000-0000-000000000000/approve";
    assertThat(api("POST", unknown, APPROVER_TOKEN, comment("what is this")).statusCode())
        .isEqualTo(404);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(refusals(lapsed))
                    .extracting(RequestRefused::reason)
                    .contains(RefusalReason.EXPIRED, RefusalReason.MALFORMED));
    assertThat(all(lapsed, HumanDecision.class)).isEmpty();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(consoleRefusals())
                    .anyMatch(
                        r ->
                            r.reason() == RefusalReason.UNKNOWN_APPROVAL
                                && r.principal().equals("alice")));
  }

  @Test
  void anApiCallWithoutAValidTokenIsA401OnTheRecord() throws Exception {
    HttpResponse<String> none = api("GET", "/api/v1/approvals", null, null);
    HttpResponse<String> bad = api("GET", "/api/v1/approvals", "not-a-token", null);

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(bad.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        consoleRefusals().stream()
                            .filter(r -> r.reason() == RefusalReason.UNAUTHENTICATED)
                            .filter(r -> r.request().equals("GET /api/v1/approvals")))
                    .hasSizeGreaterThanOrEqualTo(2));
  }

  @Test
  void theConsoleLogsInWithAnHttpOnlySameSiteCookieAndShowsTheExactPatch() throws Exception {
    ApprovalRequested request = pending("inc-web-pages", Duration.ofMinutes(15));
    Browser alice = login("alice");

    assertThat(alice.cookie)
        .contains("BACKSTOP_CONSOLE=")
        .contains("HttpOnly")
        .contains("SameSite=Lax");
    String overview = alice.get("/").body();
    assertThat(overview).contains(request.actionId().toString()).contains("Pending approvals");
    String page = alice.get("/approvals/" + request.actionId()).body();
    assertThat(page)
        .contains("/metadata/annotations/deployment.kubernetes.io~1revision")
        .contains("backstop.io~1action-id")
        .contains("autonomy.tier-confidence")
        .contains("name=\"_csrf\"");
    String incident = alice.get("/incidents/inc-web-pages").body();
    assertThat(incident).contains("Hash chain verified").contains("ApprovalRequested");
  }

  @Test
  void aFormPostWithoutTheCsrfTokenIsRefusedOnTheRecord() throws Exception {
    ApprovalRequested request = pending("inc-web-csrf", Duration.ofMinutes(15));
    Browser alice = login("alice");

    HttpResponse<String> forged =
        alice.post(
            "/approvals/" + request.actionId() + "/decision",
            Map.of("verdict", "APPROVED", "comment", "forged"));

    assertThat(forged.statusCode()).isEqualTo(403);
    RequestRefused audited = awaitOne(request, RequestRefused.class);
    assertThat(audited.reason()).isEqualTo(RefusalReason.CSRF);
    assertThat(audited.principal()).isEqualTo("alice");
    assertThat(all(request, HumanDecision.class)).isEmpty();

    String csrf = csrf(alice.get("/approvals/" + request.actionId()).body());
    HttpResponse<String> real =
        alice.post(
            "/approvals/" + request.actionId() + "/decision",
            Map.of(
                "verdict",
                "DENIED",
                "comment",
                "not while the release train is moving",
                "_csrf",
                csrf));
    assertThat(real.statusCode()).isEqualTo(302);
    HumanDecision denial = awaitOne(request, HumanDecision.class);
    assertThat(denial.verdict()).isEqualTo(DecisionVerdict.DENIED);
    assertThat(denial.origin()).startsWith("console ");
  }

  /**
   * The cause of a lost log-in under load: a page's poll that fired after its cookies were cleared
   * was sent to the login page, got a session of its own and replaced the cookie the login form's
   * CSRF token belonged to, so the log-in was refused as a CSRF failure. A poll without a session
   * now gets no session and no cookie, and sends its page to the login page; a page view still
   * remembers where the person was going.
   */
  @Test
  void aPollWithoutASessionGetsNoSessionCookieAndSendsItsPageToTheLogin() throws Exception {
    Browser nobody = new Browser();

    HttpResponse<String> poll = nobody.get("/live/overview?v=0", Map.of("HX-Request", "true"));
    HttpResponse<String> page = nobody.get("/incidents/inc-web-anything");

    assertThat(poll.statusCode()).isEqualTo(401);
    assertThat(poll.headers().firstValue("HX-Redirect")).hasValue("/login");
    assertThat(poll.headers().allValues("Set-Cookie")).isEmpty();
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/login");
    assertThat(page.headers().allValues("Set-Cookie"))
        .anySatisfy(c -> assertThat(c).startsWith("BACKSTOP_CONSOLE="));
  }

  @Test
  void aFailedLoginIsAuditedWithTheNameTriedAndNeverThePassword() throws Exception {
    Browser nobody = new Browser();
    String csrf = csrf(nobody.get("/login").body());
    HttpResponse<String> failed =
        nobody.post("/login", Map.of("username", "mallory", "password", "guess", "_csrf", csrf));

    assertThat(failed.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(consoleRefusals())
                    .anySatisfy(
                        r -> {
                          assertThat(r.principal()).isEqualTo("mallory");
                          assertThat(r.reason()).isEqualTo(RefusalReason.UNAUTHENTICATED);
                          assertThat(r.detail()).doesNotContain("guess");
                        }));
  }

  // ---- helpers ----

  private ApprovalRequested pending(String incident, Duration expiresIn) {
    List<IncidentEvent> chain = PendingApprovals.chain(incident, Instant.now().plus(expiresIn));
    chain.forEach(publisher::publish);
    ApprovalRequested request = PendingApprovals.request(chain);
    await()
        .atMost(WAIT)
        .until(
            () ->
                api("GET", "/api/v1/approvals/" + request.actionId(), VIEWER_TOKEN, null)
                        .statusCode()
                    == 200);
    return request;
  }

  private static String approve(ApprovalRequested request) {
    return "/api/v1/approvals/" + request.actionId() + "/approve";
  }

  private static String comment(String text) {
    return "{\"comment\":\"" + text + "\"}";
  }

  private <T extends IncidentEvent> T awaitOne(ApprovalRequested request, Class<T> type) {
    await().atMost(WAIT).until(() -> !all(request, type).isEmpty());
    return all(request, type).get(0);
  }

  private <T extends IncidentEvent> List<T> all(ApprovalRequested request, Class<T> type) {
    return events(request.incidentId()).stream().filter(type::isInstance).map(type::cast).toList();
  }

  private List<RequestRefused> refusals(ApprovalRequested request) {
    return all(request, RequestRefused.class);
  }

  private List<RequestRefused> consoleRefusals() {
    return events(IncidentId.of("console")).stream()
        .filter(RequestRefused.class::isInstance)
        .map(RequestRefused.class::cast)
        .toList();
  }

  private List<IncidentEvent> events(IncidentId incident) {
    return new AuditLogReader(bootstrap, Duration.ofSeconds(10))
        .readIncident(incident)
        .timeline(incident)
        .events();
  }

  private HttpResponse<String> api(String method, String path, String token, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    b.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private Browser login(String user) throws Exception {
    Browser browser = new Browser();
    String csrf = csrf(browser.get("/login").body());
    HttpResponse<String> in =
        browser.post("/login", Map.of("username", user, "password", PASSWORD, "_csrf", csrf));
    assertThat(in.statusCode()).isEqualTo(302);
    assertThat(in.headers().firstValue("Location").orElse("")).doesNotContain("error");
    browser.cookie =
        in.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("BACKSTOP_CONSOLE="))
            .findFirst()
            .orElse("");
    return browser;
  }

  private static String csrf(String html) {
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).as("a CSRF token in the page").isTrue();
    return m.group(1);
  }

  /** A cookie-keeping client that does not follow redirects, as a browser's network log shows. */
  private final class Browser {
    private final HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String cookie = "";

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
      return get(path, Map.of());
    }

    HttpResponse<String> get(String path, Map<String, String> headers)
        throws IOException, InterruptedException {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
      headers.forEach(b::header);
      return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Map<String, String> form)
        throws IOException, InterruptedException {
      String body =
          form.entrySet().stream()
              .map(
                  e ->
                      URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                          + "="
                          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&"));
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("backstop-console-it");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
