package io.backstop.stream;

import io.backstop.events.AlertReceived;
import io.backstop.events.IncidentEvent;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.codec.EventDecodingException;
import io.backstop.events.codec.EventIntegrityException;
import org.springframework.messaging.Message;

/**
 * How a function bean reads its input: decode as the expected type and check the event's hash, and
 * the hash of every event embedded in it and the link to its cause, over the bytes as received
 * ({@link EventCodec#verifyChain(byte[])}), never over the re-encoded record, so a producer of a
 * newer or older contract version (fields this reader does not know) is checked on exactly what it
 * sealed. Every event Backstop emits is sealed by the {@link EventPublisher}, so an unsealed event
 * is refused; only an {@link AlertReceived} from an outside producer may come unsealed ({@link
 * Seal#OPTIONAL}). Both failures are poison, not transient: thrown out of the function bean, they
 * send the record straight to {@code <topic>.dlq} with the reason in headers, and the consumer goes
 * on.
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
    if (seal == Seal.OPTIONAL && type != AlertReceived.class) {
      throw new IllegalArgumentException(
          "only an AlertReceived may arrive unsealed, not a " + type.getSimpleName());
    }
    T event = EventCodec.decode(payload, type);
    if (event.header().hash() == null) {
      if (seal == Seal.REQUIRED) {
        throw EventIntegrityException.unsealed(event.eventId());
      }
      return event;
    }
    EventCodec.verifyChain(payload);
    return event;
  }

  public static <T extends IncidentEvent> T read(Message<byte[]> message, Class<T> type) {
    return read(message.getPayload(), type);
  }

  public static <T extends IncidentEvent> T read(
      Message<byte[]> message, Class<T> type, Seal seal) {
    return read(message.getPayload(), type, seal);
  }
}
