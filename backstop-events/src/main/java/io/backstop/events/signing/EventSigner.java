package io.backstop.events.signing;

import io.backstop.events.IncidentEvent;
import io.backstop.events.Signature;
import io.backstop.events.codec.EventCodec;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Signs events with a service's key. The signature covers the event's signed form ({@link
 * EventCodec#signedBytes}); the event comes back unsealed, to be sealed (hashed) after, so its hash
 * covers the signature too.
 */
public final class EventSigner {

  private final SigningKey key;

  public EventSigner(SigningKey key) {
    this.key = key;
  }

  public <T extends IncidentEvent> T sign(T event) {
    @SuppressWarnings("unchecked")
    T unsigned = (T) event.withHeader(event.header().withSignature(null));
    byte[] signed = EventCodec.signedBytes(unsigned);
    try {
      java.security.Signature ed25519 = java.security.Signature.getInstance("Ed25519");
      ed25519.initSign(key.privateKey());
      ed25519.update(signed);
      Signature signature =
          new Signature(key.keyId(), Base64.getEncoder().encodeToString(ed25519.sign()));
      @SuppressWarnings("unchecked")
      T result = (T) event.withHeader(event.header().withSignature(signature));
      return result;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed for " + event.eventId(), e);
    }
  }

  public String keyId() {
    return key.keyId();
  }
}
