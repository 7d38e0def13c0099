package io.backstop.executor.ledger;

import io.backstop.events.IncidentEvent;
import io.backstop.executor.ExecutorProperties;
import io.backstop.executor.check.WriteBreaker;
import io.backstop.executor.signing.GuardrailSignatures;
import java.util.Optional;

/**
 * A breaker that rebuilds itself from Kafka ({@link BreakerReplay}) on first use, which is the
 * first approval or reset consumed, when every topic exists. Until the replay succeeded no answer
 * is given: a failed replay throws, and the executor fails closed.
 */
public final class ReplayingBreaker implements WriteBreaker {

  private final WriteBreaker breaker;
  private final ActionLedger ledger;
  private final ExecutorProperties.Ledger settings;
  private final GuardrailSignatures signatures;
  private final io.backstop.stream.KafkaClientConfig client;
  private volatile boolean replayed;

  public ReplayingBreaker(
      WriteBreaker breaker,
      ActionLedger ledger,
      ExecutorProperties.Ledger settings,
      GuardrailSignatures signatures,
      io.backstop.stream.KafkaClientConfig client) {
    this.breaker = breaker;
    this.ledger = ledger;
    this.settings = settings;
    this.signatures = signatures;
    this.client = client;
  }

  @Override
  public Optional<String> openReason(String namespace) {
    replayOnce();
    return breaker.openReason(namespace);
  }

  @Override
  public void observe(IncidentEvent event) {
    replayOnce();
    breaker.observe(event);
  }

  @Override
  public void observe(IncidentEvent event, java.time.Instant at) {
    replayOnce();
    breaker.observe(event, at);
  }

  private void replayOnce() {
    if (!replayed) {
      synchronized (this) {
        if (!replayed) {
          BreakerReplay.replay(client, ledger, breaker, signatures, settings.rebuildTimeout());
          replayed = true;
        }
      }
    }
  }
}
