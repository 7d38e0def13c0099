package io.backstop.events.signing;

import io.backstop.events.IncidentEvent;
import io.backstop.events.Signature;
import io.backstop.events.codec.EventCodec;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Base64;

/**
 * Checks that an event was signed by a trusted key. Over the bytes as received ({@link
 * #verify(IncidentEvent, byte[])}), so a newer producer's fields are covered exactly as it signed
 * them; over the re-encoded event where no bytes are at hand (a replay of decoded events). Any
 * doubt is a refusal: no signature, an unknown key id, a signature that is not base64 or does not
 * verify.
 */
public final class SignatureVerifier {

  private final TrustedKeys keys;

  public SignatureVerifier(TrustedKeys keys) {
    this.keys = keys;
  }

  /**
   * @throws EventSignatureException unless {@code document} carries a valid trusted signature
   */
  public void verify(IncidentEvent decoded, byte[] document) {
    check(decoded, EventCodec.signedBytes(document));
  }

  /**
   * @throws EventSignatureException unless the event carries a valid trusted signature
   */
  public void verify(IncidentEvent event) {
    check(event, EventCodec.signedBytes(event));
  }

  /** Whether the event carries a valid trusted signature. */
  public boolean isSigned(IncidentEvent event) {
    try {
      verify(event);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void check(IncidentEvent event, byte[] signed) {
    Signature signature = event.header().signature();
    if (signature == null) {
      throw new EventSignatureException(event.eventId(), "not signed");
    }
    PublicKey key =
        keys.key(signature.keyId())
            .orElseThrow(
                () ->
                    new EventSignatureException(
                        event.eventId(),
                        "signed with key "
                            + signature.keyId()
                            + ", which is not trusted (trusted: "
                            + keys.keyIds()
                            + ")"));
    byte[] value;
    try {
      value = Base64.getDecoder().decode(signature.value());
    } catch (IllegalArgumentException e) {
      throw new EventSignatureException(event.eventId(), "the signature is not base64");
    }
    boolean valid;
    try {
      java.security.Signature ed25519 = java.security.Signature.getInstance("Ed25519");
      ed25519.initVerify(key);
      ed25519.update(signed);
      valid = ed25519.verify(value);
    } catch (GeneralSecurityException e) {
      valid = false;
    }
    if (!valid) {
      throw new EventSignatureException(
          event.eventId(),
          "the signature of key " + signature.keyId() + " does not verify (forged or edited)");
    }
  }
}
