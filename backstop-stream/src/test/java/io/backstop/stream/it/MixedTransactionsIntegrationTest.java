package io.backstop.stream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.AlertReceived;
import io.backstop.events.Topics;
import io.backstop.stream.EventPublisher;
import io.backstop.stream.testing.TopicProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Producer-initiated transactions (a webhook's or a background thread's publish) at the same time
 * as consumer-initiated ones (function beans, some of which fail and roll back), on the binder's
 * one transactional producer factory: every publish commits, none fails at random.
 */
@StreamIntegration
class MixedTransactionsIntegrationTest {

  @Autowired EventPublisher publisher;
  @Autowired Invocations invocations;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  @Test
  void publishesFromOtherThreadsNeverFailBesideConsumerTransactions() throws Exception {
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    ExecutorService threads = Executors.newFixedThreadPool(6);
    List<Future<?>> running = new ArrayList<>();
    try (var probe = TopicProbe.connect(bootstrap)) {
      for (int t = 0; t < 4; t++) {
        int thread = t;
        running.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 150; i++) {
                    AlertReceived alert = TestAlerts.alert("mixed-web-" + thread + "-" + i);
                    try {
                      publisher.publish(
                          StreamTestApplication.escalation(alert, java.time.Clock.systemUTC()));
                    } catch (Throwable e) {
                      failures.add(e);
                    }
                  }
                }));
      }
      for (int i = 0; i < 300; i++) {
        String name = i % 10 == 0 ? StreamTestApplication.FAILS_AFTER_PUBLISHING : "Ok";
        probe.send(Topics.ALERTS, TestAlerts.alert("mixed-consumer-" + i, name));
      }
      for (Future<?> f : running) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      threads.shutdownNow();
    }

    failures.forEach(Throwable::printStackTrace);
    assertThat(failures).isEmpty();
  }
}
