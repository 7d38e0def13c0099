package io.backstop.stream.deadletter;

import io.backstop.events.codec.EventDecodingException;
import io.backstop.events.codec.EventIntegrityException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Why a record was dead-lettered, in headers a human can read in a Kafka UI: the exception that
 * explains it (not the framework wrappers around it), its message and, for an unreadable event, the
 * field that was wrong. Spring Kafka's {@code kafka_dlt-*} headers (original topic, partition,
 * offset, stack trace) are added beside these.
 */
public final class DeadLetterHeaders {

  public static final String ERROR_CLASS = "backstop_error_class";
  public static final String ERROR_MESSAGE = "backstop_error_message";
  public static final String ERROR_FIELD = "backstop_error_field";

  /** The failures that are poison: unreadable or edited input, which no retry can cure. */
  public static final List<Class<? extends Exception>> POISON =
      List.of(EventDecodingException.class, EventIntegrityException.class);

  private DeadLetterHeaders() {}

  public static Headers of(Throwable failure) {
    Throwable reason = reason(failure);
    Headers headers = new RecordHeaders();
    headers.add(ERROR_CLASS, bytes(reason.getClass().getName()));
    headers.add(ERROR_MESSAGE, bytes(String.valueOf(reason.getMessage())));
    if (reason instanceof EventDecodingException decoding) {
      headers.add(ERROR_FIELD, bytes(decoding.field()));
    } else if (reason instanceof EventIntegrityException) {
      headers.add(ERROR_FIELD, bytes("header.hash"));
    }
    return headers;
  }

  /** Whether the failure is poison (unreadable or edited input), which no retry can cure. */
  public static boolean isPoison(Throwable failure) {
    return poison(reason(failure));
  }

  /**
   * The exception that explains the failure: a {@link #POISON} one anywhere in the chain, else the
   * first cause thrown outside Spring's listener and messaging wrappers.
   */
  static Throwable reason(Throwable failure) {
    Throwable firstOwn = null;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (poison(t)) {
        return t;
      }
      if (firstOwn == null && !t.getClass().getName().startsWith("org.springframework.")) {
        firstOwn = t;
      }
    }
    return firstOwn != null ? firstOwn : failure;
  }

  private static boolean poison(Throwable t) {
    return POISON.stream().anyMatch(type -> type.isInstance(t));
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
