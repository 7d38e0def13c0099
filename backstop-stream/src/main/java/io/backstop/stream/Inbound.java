package io.backstop.stream;

import io.backstop.events.AlertReceived;
import io.backstop.events.IncidentEvent;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.codec.EventDecodingException;
import io.backstop.events.codec.EventIntegrityException;
import java.util.Objects;
import java.util.Optional;
import org.springframework.messaging.Message;

/**
 * How a function bean reads its input: decode as the expected type and check the event's hash, and
 * the hash of every event embedded in it and the link to its cause, over the bytes as received
 * ({@link EventCodec#verifyChain(IncidentEvent, byte[])}), never over the re-encoded record, so a
 * producer of a newer or older contract version (fields this reader does not know) is checked on
 * exactly what it sealed. Every event Backstop emits is sealed by the {@link EventPublisher}, so an
 * unsealed event is refused; only an {@link AlertReceived} from an outside producer may come
 * unsealed ({@link Seal#OPTIONAL}). Both failures are poison, not transient: thrown out of the
 * function bean, they send the record straight to {@code <topic>.dlq} with the reason in headers,
 * and the consumer goes on. A consumer whose answer to a broken seal is an event of its own (the
 * guardrail escalates an edited proposal unjudged, the executor refuses a forged approval) calls
 * {@link #receive} instead, which decodes the same way and reports the breach rather than throwing
 * it: one check, two ways to act on it. Every function bean of every service reads its input
 * through this class.
 *
 * <pre>{@code
 * @Bean
 * Consumer<Message<byte[]>> reviewProposal(...) {
 *   return message -> {
 *     DiagnosisProposed proposal = Inbound.read(message, DiagnosisProposed.class);
 *     ...
 *   };
 * }
 * }</pre>
 */
public final class Inbound {

  /** Whether the input must carry a hash. */
  public enum Seal {
    /** Every event Backstop emits: no hash is as bad as a wrong one. */
    REQUIRED,
    /** An alert from outside Backstop, which cannot seal; a hash it does carry is still checked. */
    OPTIONAL
  }

  /**
   * An input as received: the decoded event, the bytes it came as, and what is wrong with its seal
   * if anything is. A consumer that must answer a broken seal with an escalation rather than a dead
   * letter (the guardrail's review, the executor's forgery check) reads it this way; every other
   * consumer calls {@link #read}, which throws the breach.
   */
  public record Received<T extends IncidentEvent>(
      T event, byte[] bytes, Optional<EventIntegrityException> breach) {

    public Received {
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(bytes, "bytes");
      Objects.requireNonNull(breach, "breach");
    }

    /** The event, when its seal holds. */
    public T intact() {
      if (breach.isPresent()) {
        throw breach.get();
      }
      return event;
    }
  }

  private Inbound() {}

  /**
   * Reads a sealed event.
   *
   * @throws EventDecodingException when the bytes are not an event of {@code type}
   * @throws EventIntegrityException when the event is unsealed or its content was edited
   */
  public static <T extends IncidentEvent> T read(byte[] payload, Class<T> type) {
    return read(payload, type, Seal.REQUIRED);
  }

  public static <T extends IncidentEvent> T read(byte[] payload, Class<T> type, Seal seal) {
    return receive(payload, type, seal).intact();
  }

  public static <T extends IncidentEvent> T read(Message<byte[]> message, Class<T> type) {
    return read(message.getPayload(), type);
  }

  public static <T extends IncidentEvent> T read(
      Message<byte[]> message, Class<T> type, Seal seal) {
    return read(message.getPayload(), type, seal);
  }

  /**
   * Decodes the bytes as {@code type} and checks the seal, reporting a breach instead of throwing
   * it.
   *
   * @throws EventDecodingException when the bytes are not an event of {@code type}
   */
  public static <T extends IncidentEvent> Received<T> receive(
      byte[] payload, Class<T> type, Seal seal) {
    allowed(type, seal);
    return check(EventCodec.decode(payload, type), payload, seal);
  }

  public static <T extends IncidentEvent> Received<T> receive(
      Message<byte[]> message, Class<T> type, Seal seal) {
    return receive(message.getPayload(), type, seal);
  }

  /**
   * The seal check of an event already decoded from {@code payload} (a replayed record): its hash
   * chain over the bytes as received, and, under {@link Seal#REQUIRED}, that it carries a hash.
   */
  public static <T extends IncidentEvent> Received<T> check(T event, byte[] payload, Seal seal) {
    allowed(event.getClass(), seal);
    if (event.header().hash() == null) {
      return new Received<>(
          event,
          payload,
          seal == Seal.REQUIRED
              ? Optional.of(EventIntegrityException.unsealed(event.eventId()))
              : Optional.empty());
    }
    try {
      EventCodec.verifyChain(event, payload);
      return new Received<>(event, payload, Optional.empty());
    } catch (EventIntegrityException e) {
      return new Received<>(event, payload, Optional.of(e));
    }
  }

  private static void allowed(Class<?> type, Seal seal) {
    if (seal == Seal.OPTIONAL && type != AlertReceived.class) {
      throw new IllegalArgumentException(
          "only an AlertReceived may arrive unsealed, not a " + type.getSimpleName());
    }
  }
}
