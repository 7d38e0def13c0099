package io.backstop.infra.pager;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class PagerInboxTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TRIGGER =
      """
      {"routing_key":"R0UT1NGKEY","event_action":"trigger","dedup_key":"inc-1",
       "payload":{"summary":"checkout is down","source":"backstop","severity":"critical"}}
      """;

  @TempDir Path dir;
  private PagerInbox inbox;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    inbox = PagerInbox.start(0, dir);
  }

  @AfterEach
  void stop() {
    inbox.close();
  }

  @Test
  void acceptsATriggerWith202AndKeepsItInMemoryAndOnDisk() throws Exception {
    HttpResponse<String> response = post("/v2/enqueue", TRIGGER);

    assertThat(response.statusCode()).isEqualTo(202);
    Map<?, ?> body = JSON.readValue(response.body(), Map.class);
    assertThat(body.get("status")).isEqualTo("success");
    assertThat(body.get("dedup_key")).isEqualTo("inc-1");
    assertThat(inbox.received("inc-1"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.eventAction()).isEqualTo("trigger");
              assertThat(e.payload().get("summary")).isEqualTo("checkout is down");
            });
    List<String> lines = Files.readAllLines(dir.resolve(Inbox.FILE_NAME));
    assertThat(lines).singleElement().asString().contains("\"dedup_key\":\"inc-1\"");
  }

  @Test
  void rejectsATriggerWithoutSummaryOrWithAnUnknownSeverityWithTheEventsV2ErrorShape()
      throws Exception {
    String bad =
        """
        {"routing_key":"R","event_action":"trigger",
         "payload":{"source":"backstop","severity":"sev0"}}
        """;

    HttpResponse<String> response = post("/v2/enqueue", bad);

    assertThat(response.statusCode()).isEqualTo(400);
    Map<?, ?> body = JSON.readValue(response.body(), Map.class);
    assertThat(body.get("status")).isEqualTo("invalid event");
    assertThat((List<?>) body.get("errors"))
        .anySatisfy(e -> assertThat(e.toString()).contains("payload.summary"))
        .anySatisfy(e -> assertThat(e.toString()).contains("payload.severity"));
    assertThat(inbox.received()).isEmpty();
  }

  @Test
  void rejectsAResolveWithoutDedupKeyAndBodiesThatAreNotJson() throws Exception {
    assertThat(
            post("/v2/enqueue", "{\"routing_key\":\"R\",\"event_action\":\"resolve\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(post("/v2/enqueue", "not json").statusCode()).isEqualTo(400);
    assertThat(inbox.received()).isEmpty();
  }

  @Test
  void resolveMovesTheDedupKeyToResolved() throws Exception {
    post("/v2/enqueue", TRIGGER);
    post(
        "/v2/enqueue",
        "{\"routing_key\":\"R\",\"event_action\":\"resolve\",\"dedup_key\":\"inc-1\"}");

    assertThat(inbox.states()).containsEntry("inc-1", "resolved");
    assertThat(inbox.received("inc-1")).hasSize(2);
  }

  @Test
  void failsTheNextRequestsWithTheInjectedStatusThenAcceptsAgain() throws Exception {
    inbox.failNext(2, 500);

    assertThat(post("/v2/enqueue", TRIGGER).statusCode()).isEqualTo(500);
    assertThat(post("/v2/enqueue", TRIGGER).statusCode()).isEqualTo(500);
    assertThat(post("/v2/enqueue", TRIGGER).statusCode()).isEqualTo(202);
    assertThat(inbox.received()).hasSize(1);
  }

  @Test
  void theFailureHookWorksOverHttpWithRetryAfter() throws Exception {
    assertThat(post("/inbox/fail?count=1&status=429&retryAfter=3", "").statusCode()).isEqualTo(200);

    HttpResponse<String> limited = post("/v2/enqueue", TRIGGER);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("3");
  }

  @Test
  void listsWhatItReceivedOnGetInbox() throws Exception {
    post("/v2/enqueue", TRIGGER);

    HttpResponse<String> listing =
        http.send(
            HttpRequest.newBuilder(inbox.url().resolve("/inbox")).GET().build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(listing.statusCode()).isEqualTo(200);
    Map<?, ?> body = JSON.readValue(listing.body(), Map.class);
    assertThat((List<?>) body.get("events")).hasSize(1);
    assertThat(body.get("states")).isEqualTo(Map.of("inc-1", "triggered"));
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    URI uri = inbox.url().resolve(path);
    return http.send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void keepsChangeEventsApartFromPagesAndRefusesOneWithoutASummary() throws Exception {
    HttpResponse<String> ok =
        post(
            "/v2/change/enqueue",
            "{\"routing_key\":\"R\",\"payload\":{\"summary\":\"[Backstop] ROLLBACK shop/checkout\","
                + "\"source\":\"backstop\",\"timestamp\":\"2026-12-04T09:00:00Z\"}}");
    HttpResponse<String> bad = post("/v2/change/enqueue", "{\"routing_key\":\"R\",\"payload\":{}}");

    assertThat(ok.statusCode()).isEqualTo(202);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("payload.summary");
    assertThat(inbox.changes())
        .singleElement()
        .satisfies(c -> assertThat(c.payload()).containsEntry("source", "backstop"));
    assertThat(inbox.received()).isEmpty();
  }
}
