package io.backstop.escalation.paging;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.escalation.Retries;
import io.backstop.escalation.ScheduledWaits;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.infra.pager.PagerInbox;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsV2ClientTest {

  @TempDir Path dir;
  private PagerInbox inbox;
  private final ScheduledWaits scheduler = new ScheduledWaits();
  private final Retries retries =
      scheduler.retries(4, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(5));

  @BeforeEach
  void start() {
    inbox = PagerInbox.start(0, dir);
  }

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
    inbox.close();
  }

  @Test
  void deliversATriggerWithTheIncidentAsDedupKey() {
    PageResult result = client(inbox.url()).send(trigger("inc-1", "checkout is down"));

    assertThat(result.delivered()).isTrue();
    assertThat(result.attempts()).isEqualTo(1);
    assertThat(inbox.received("inc-1"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.eventAction()).isEqualTo("trigger");
              assertThat(e.payload())
                  .containsEntry("severity", "critical")
                  .containsEntry("class", "TEST");
              assertThat(e.body()).containsEntry("routing_key", "R0UTING");
            });
  }

  @Test
  void retriesA500WithExponentialBackoffUntilThe202() {
    inbox.failNext(2, 500);

    PageResult result = client(inbox.url()).send(trigger("inc-2", "s"));

    assertThat(result.delivered()).isTrue();
    assertThat(result.attempts()).isEqualTo(3);
    assertThat(scheduler.waits()).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    assertThat(inbox.received("inc-2")).hasSize(1);
  }

  @Test
  void honoursRetryAfterOn429UpToItsCap() {
    inbox.failNext(1, 429, 3);
    client(inbox.url()).send(trigger("inc-3", "s"));
    inbox.failNext(1, 429, 60);
    client(inbox.url()).send(trigger("inc-3", "s"));

    assertThat(scheduler.waits()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(5));
  }

  @Test
  void givesUpAfterMaxAttemptsWhenThePagerStaysDown() {
    inbox.failNext(100, 503);

    PageResult result = client(inbox.url()).send(trigger("inc-4", "s"));

    assertThat(result.delivered()).isFalse();
    assertThat(result.attempts()).isEqualTo(4);
    assertThat(result.lastStatus()).isEqualTo(503);
    assertThat(scheduler.waits()).hasSize(3);
  }

  @Test
  void doesNotRetryAnEventTheReceiverCallsInvalid() {
    PageResult result = client(inbox.url()).send(trigger("inc-5", " "));

    assertThat(result.delivered()).isFalse();
    assertThat(result.attempts()).isEqualTo(1);
    assertThat(result.lastStatus()).isEqualTo(400);
    assertThat(result.detail()).contains("payload.summary");
  }

  @Test
  void retriesWhenNothingListensAndReportsTheConnectionFailure() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    PageResult result =
        client(URI.create("http://127.0.0.1:" + closedPort)).send(trigger("i", "s"));

    assertThat(result.delivered()).isFalse();
    assertThat(result.attempts()).isEqualTo(4);
    assertThat(result.lastStatus()).isZero();
    assertThat(result.detail()).contains("ConnectException");
  }

  private EventsV2Client client(URI url) {
    return new EventsV2Client(url, Duration.ofSeconds(2), retries, Fixtures.CLOCK);
  }

  private static PagerEvent trigger(String dedupKey, String summary) {
    var payload =
        new PagerEvent.Payload(
            summary,
            "shop/checkout",
            "critical",
            Fixtures.NOW,
            "checkout",
            "shop",
            "TEST",
            Map.of("k", "v"));
    return new PagerEvent("R0UTING", PagerAction.TRIGGER, dedupKey, payload, List.of());
  }
}
