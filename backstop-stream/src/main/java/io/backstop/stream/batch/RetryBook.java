package io.backstop.stream.batch;

import io.backstop.stream.deadletter.DeadLetterHeaders;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * How often each record of a batch has failed, between the rollback that saw it fail and the
 * redelivery of its batch: the after-rollback processor writes here, the batch handler reads. A
 * record whose back-off is spent, or that is poison (unreadable or edited), is exhausted: on its
 * next delivery it is dead-lettered in the batch's transaction instead of being handled again.
 */
public final class RetryBook {

  /** A record's failures so far; {@code exhausted} when it is to be dead-lettered. */
  private record Entry(BackOffExecution backOff, Exception last, boolean exhausted) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  /**
   * Counts one failure of the record at {@code position}; returns how long to wait before the batch
   * is delivered again, or empty when the record is exhausted and will be dead-lettered.
   */
  public Optional<Long> failed(String position, Exception cause, BackOff backOff) {
    if (DeadLetterHeaders.isPoison(cause)) {
      entries.put(position, new Entry(null, cause, true));
      return Optional.empty();
    }
    Entry before = entries.get(position);
    BackOffExecution execution = before == null ? backOff.start() : before.backOff();
    long wait = execution == null ? BackOffExecution.STOP : execution.nextBackOff();
    boolean spent = wait == BackOffExecution.STOP;
    entries.put(position, new Entry(execution, cause, spent));
    return spent ? Optional.empty() : Optional.of(wait);
  }

  /** The failure to dead-letter the record with, when it is exhausted; removes the entry. */
  public Optional<Exception> exhausted(String position) {
    Entry entry = entries.get(position);
    if (entry == null || !entry.exhausted()) {
      return Optional.empty();
    }
    entries.remove(position);
    return Optional.of(entry.last());
  }

  /** The record was handled: whatever failed before is forgotten. */
  public void handled(String position) {
    if (!entries.isEmpty()) {
      entries.remove(position);
    }
  }

  int size() {
    return entries.size();
  }
}
