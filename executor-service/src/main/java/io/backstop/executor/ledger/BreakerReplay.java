package io.backstop.executor.ledger;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.BreakerReset;
import io.backstop.events.Escalated;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Stage;
import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.codec.EventDecodingException;
import io.backstop.executor.ActionLedger;
import io.backstop.executor.LedgerEntry;
import io.backstop.executor.WriteBreaker;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Rebuilds the executor's breaker on start from Kafka, with the same facts it is fed at run time:
 * the approvals the executor may have written for (those the ledger holds, unless the API server
 * refused them outright), its own outcomes and escalations, and every human BreakerReset, in the
 * order they happened. A restart therefore neither forgets recent writes nor an open breaker.
 */
public final class BreakerReplay {

  private BreakerReplay() {}

  /** Feeds the history to the breaker; returns how many facts were applied. */
  public static int replay(
      String bootstrapServers, ActionLedger ledger, WriteBreaker breaker, Duration timeout) {
    List<IncidentEvent> facts =
        TopicReader.readAll(
                bootstrapServers,
                List.of(Topics.ACTIONS, Topics.OUTCOMES, Topics.ESCALATIONS, Topics.CONTROL),
                timeout)
            .stream()
            .map(BreakerReplay::decode)
            .filter(Objects::nonNull)
            .filter(event -> counts(event, ledger))
            .sorted(Comparator.comparing(e -> e.header().occurredAt()))
            .toList();
    facts.forEach(breaker::observe);
    return facts.size();
  }

  static boolean counts(IncidentEvent event, ActionLedger ledger) {
    if (event instanceof ActionApproved approved) {
      return ledger.find(approved.actionId()).filter(LedgerEntry::mayHaveWritten).isPresent();
    }
    if (event instanceof ActionExecuted || event instanceof Escalated) {
      return event.header().stage() == Stage.EXECUTOR;
    }
    return event instanceof BreakerReset;
  }

  private static IncidentEvent decode(ConsumerRecord<String, byte[]> record) {
    try {
      return record.value() == null ? null : EventCodec.decode(record.value());
    } catch (EventDecodingException e) {
      return null;
    }
  }
}
