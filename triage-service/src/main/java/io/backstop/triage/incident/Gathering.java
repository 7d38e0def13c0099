package io.backstop.triage.incident;

import io.backstop.events.AlertReceived;
import io.backstop.events.SignalsGathered;
import io.backstop.stream.EventPublisher;
import io.backstop.triage.evidence.SignalGatherer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of a newly opened incident's signals. Called once per opened incident, in the
 * admission's transaction, with the alert as admitted (its canonical incident, redacted, sealed:
 * the SignalsGathered chains to it). The service gathers off the consumer thread ({@code
 * io.backstop.triage.messaging.OffThreadGathering}); {@link #now} gathers and publishes at once.
 */
@FunctionalInterface
public interface Gathering {

  void opened(AlertReceived admitted);

  /** Gathers and publishes on the calling thread, in its transaction: for tests and tools. */
  static Gathering now(SignalGatherer gatherer, EventPublisher publisher) {
    return admitted -> opened(publisher.publish(gatherer.gather(admitted)));
  }

  /** The one line every opened incident gets in the log, however it was gathered. */
  static void opened(SignalsGathered signals) {
    Logger log = LoggerFactory.getLogger(Gathering.class);
    log.info(
        "incident {} opened: {} evidence items, {} symptoms, missing {}",
        signals.incidentId(),
        signals.evidence().size(),
        signals.symptoms().size(),
        signals.missingSources());
  }
}
