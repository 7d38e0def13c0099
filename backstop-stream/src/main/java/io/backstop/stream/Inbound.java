package io.backstop.stream;

import io.backstop.events.IncidentEvent;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.codec.EventDecodingException;
import io.backstop.events.codec.EventIntegrityException;
import org.springframework.messaging.Message;

/**
 * How a function bean reads its input: decode as the expected type and, when the event is sealed,
 * check that its hash still matches its content. Both failures are poison, not transient: thrown
 * out of the function bean, they send the record straight to {@code <topic>.dlq} with the reason in
 * headers, and the consumer goes on. An unsealed event is accepted, since an outside producer (an
 * alert sent straight to {@code backstop.alerts.v1}) may not seal; every event Backstop itself
 * emits is sealed by the {@link EventPublisher}.
 *
 * <p>The check re-hashes the decoded event, so a field this version does not know (tolerated by the
 * codec for forward compatibility) makes a newer producer's event fail it: producers and consumers
 * of one contract version must be deployed together.
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

  private Inbound() {}

  /**
   * @throws EventDecodingException when the bytes are not an event of {@code type}
   * @throws EventIntegrityException when the event is sealed and its content was edited
   */
  public static <T extends IncidentEvent> T read(byte[] payload, Class<T> type) {
    T event = EventCodec.decode(payload, type);
    if (event.header().hash() != null) {
      EventCodec.verify(event);
    }
    return event;
  }

  public static <T extends IncidentEvent> T read(Message<byte[]> message, Class<T> type) {
    return read(message.getPayload(), type);
  }
}
