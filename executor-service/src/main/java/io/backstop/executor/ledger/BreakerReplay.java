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
import io.backstop.executor.check.WriteBreaker;
import io.backstop.executor.signing.GuardrailSignatures;
import io.backstop.stream.KafkaClientConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Rebuilds the executor's breaker on start from Kafka, with the same facts it is fed at run time:
 * the approvals the executor may have written for (those the ledger holds, unless the API server
 * refused them outright), counted at the time its own ledger recorded them; its own outcomes and
 * escalations; and every BreakerReset the guardrail signed (checked over the bytes as stored; an
 * unsigned or forged one is skipped), in the order they happened. A restart therefore neither
 * forgets recent writes nor an open breaker, and no sender's timestamp decides a window.
 */
public final class BreakerReplay {

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(BreakerReplay.class);

  private BreakerReplay() {}

  /** One fact and the time the executor vouches for. */
  record Fact(IncidentEvent event, Instant at) {}

  /** Feeds the history to the breaker; returns how many facts were applied. */
  public static int replay(
      KafkaClientConfig client,
      ActionLedger ledger,
      WriteBreaker breaker,
      GuardrailSignatures signatures,
      Duration timeout) {
    List<Fact> facts = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record :
        TopicReader.readAll(
            client,
            List.of(Topics.ACTIONS, Topics.OUTCOMES, Topics.ESCALATIONS, Topics.CONTROL),
            timeout)) {
      decode(record)
          .flatMap(e -> fact(e, record.value(), ledger, signatures))
          .ifPresent(facts::add);
    }
    facts.sort(Comparator.comparing(Fact::at));
    facts.forEach(f -> breaker.observe(f.event(), f.at()));
    return facts.size();
  }

  static Optional<Fact> fact(
      IncidentEvent event, byte[] bytes, ActionLedger ledger, GuardrailSignatures signatures) {
    if (event instanceof ActionApproved approved) {
      return ledger
          .find(approved.actionId())
          .filter(LedgerEntry::mayHaveWritten)
          .map(entry -> new Fact(approved, entry.at()));
    }
    if (event instanceof ActionExecuted || event instanceof Escalated) {
      return event.header().stage() == Stage.EXECUTOR
          ? Optional.of(new Fact(event, event.header().occurredAt()))
          : Optional.empty();
    }
    if (event instanceof BreakerReset reset) {
      Optional<String> forged = signatures.problem(reset, bytes);
      if (forged.isPresent()) {
        LOG.error("replay skipped breaker reset {}: {}", reset.eventId(), forged.get());
        return Optional.empty();
      }
      return Optional.of(new Fact(reset, reset.header().occurredAt()));
    }
    return Optional.empty();
  }

  private static Optional<IncidentEvent> decode(ConsumerRecord<String, byte[]> record) {
    try {
      return record.value() == null
          ? Optional.empty()
          : Optional.of(EventCodec.decode(record.value()));
    } catch (EventDecodingException e) {
      return Optional.empty();
    }
  }
}
