package io.backstop.escalation;

import io.backstop.events.IncidentEvent;
import io.backstop.events.escalation.Channel;

/**
 * Where a page or ticket operation goes when its retries are spent: the dead-letter twin of the
 * input topic, carrying the source event intact (so a replay onto the input topic re-delivers it)
 * and, in headers, the request that failed and why.
 */
@FunctionalInterface
public interface DeadLetters {

  void deadLetter(Undelivered undelivered);

  /**
   * One operation that could not be delivered; {@code received} is the source record's value as it
   * was consumed (unknown fields of a newer producer included).
   */
  record Undelivered(
      IncidentEvent source,
      byte[] received,
      String inputTopic,
      Channel channel,
      String operation,
      String request,
      String error,
      int attempts) {}
}
