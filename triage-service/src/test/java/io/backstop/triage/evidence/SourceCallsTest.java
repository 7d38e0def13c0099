package io.backstop.triage.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SourceCallsTest {

  private final ExecutorService executor = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private SourceCalls calls() {
    return new SourceCalls(executor, Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  @Test
  void aDroppedConnectionIsTriedOnceMoreAndItsAnswerKept() {
    AtomicInteger attempts = new AtomicInteger();
    SourceCalls calls = calls();

    var answer =
        calls.call(
            "kubernetes.pods",
            () -> {
              if (attempts.incrementAndGet() == 1) {
                throw new KubernetesClientException(
                    "Operation: [list] for kind: [Pod] failed.",
                    new ConnectException("Connection reset"));
              }
              return "pods";
            });

    assertThat(answer).contains("pods");
    assertThat(attempts).hasValue(2);
    assertThat(calls.missing()).isEmpty();
  }

  @Test
  void aRefusalIsAnAnswerAndIsNotAskedAgain() {
    AtomicInteger attempts = new AtomicInteger();
    SourceCalls calls = calls();

    var answer =
        calls.call(
            "kubernetes.autoscalers",
            () -> {
              attempts.incrementAndGet();
              throw new KubernetesClientException("Forbidden", 403, null);
            });

    assertThat(answer).isEmpty();
    assertThat(attempts).hasValue(1);
    assertThat(calls.missing()).singleElement().asString().startsWith("kubernetes.autoscalers: ");
  }

  @Test
  void aReadThatFailsTwiceIsMissingWithItsRootCause() {
    AtomicInteger attempts = new AtomicInteger();
    SourceCalls calls = calls();

    var answer =
        calls.call(
            "kubernetes.services",
            () -> {
              attempts.incrementAndGet();
              throw new KubernetesClientException(
                  "Operation: [list] for kind: [Service] failed.",
                  new IOException("stream was reset: CANCEL"));
            });

    assertThat(answer).isEmpty();
    assertThat(attempts).hasValue(2);
    assertThat(calls.missing())
        .singleElement()
        .asString()
        .contains("kubernetes.services: KubernetesClientException")
        .contains("(cause: IOException: stream was reset: CANCEL)");
  }

  @Test
  void whatIsTransientAndWhatIsAnAnswer() {
    assertThat(SourceCalls.transientFailure(new KubernetesClientException("no status"))).isTrue();
    assertThat(SourceCalls.transientFailure(new KubernetesClientException("busy", 429, null)))
        .isTrue();
    assertThat(SourceCalls.transientFailure(new KubernetesClientException("oops", 503, null)))
        .isTrue();
    assertThat(SourceCalls.transientFailure(new KubernetesClientException("gone", 404, null)))
        .isFalse();
    assertThat(SourceCalls.transientFailure(new IllegalStateException("a bug"))).isFalse();
    assertThat(SourceCalls.transientFailure(new RuntimeException(new IOException("reset"))))
        .isTrue();
  }
}
