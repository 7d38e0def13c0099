package io.backstop.guardrail.signing;

import io.backstop.events.ActionApproved;
import io.backstop.events.BreakerReset;
import io.backstop.events.IncidentEvent;
import io.backstop.events.signing.EventSigner;
import io.backstop.stream.EventPublisher;
import java.util.List;

/**
 * The guardrail's {@link EventPublisher}: every event that authorizes something (an {@link
 * ActionApproved}, a {@link BreakerReset}) is signed with the guardrail's key before it is sealed
 * and sent, whichever code path emits it, so the guardrail cannot emit an unsigned authorization by
 * accident. Everything else passes through unchanged.
 */
public final class SigningEventPublisher implements EventPublisher {

  private final EventPublisher delegate;
  private final EventSigner signer;

  public SigningEventPublisher(EventPublisher delegate, EventSigner signer) {
    this.delegate = delegate;
    this.signer = signer;
  }

  @Override
  public <T extends IncidentEvent> T publish(T event) {
    return delegate.publish(signed(event));
  }

  @Override
  public <T extends IncidentEvent> T record(T event) {
    return delegate.record(signed(event));
  }

  @Override
  public <T extends IncidentEvent> T forward(T event) {
    return delegate.forward(signed(event));
  }

  @Override
  public <T extends IncidentEvent> List<T> forwardAll(List<T> events) {
    return delegate.forwardAll(events.stream().map(this::signed).toList());
  }

  /** Signs an authorization that is not sealed yet; a sealed one was signed when it was made. */
  <T extends IncidentEvent> T signed(T event) {
    boolean authorizes = event instanceof ActionApproved || event instanceof BreakerReset;
    if (!authorizes || event.header().hash() != null) {
      return event;
    }
    return signer.sign(event);
  }
}
