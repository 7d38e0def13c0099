package io.backstop.events;

/**
 * An Ed25519 signature over an event's signed form: {@code keyId} names the public key that
 * verifies it (the first 16 hex digits of SHA-256 over the key's X.509 encoding), {@code value} is
 * the 64-byte signature in base64. Ed25519 is the only algorithm: there is nothing to negotiate.
 */
public record Signature(String keyId, String value) {

  public Signature {
    Require.text(keyId, "header.signature.keyId");
    Require.text(value, "header.signature.value");
  }
}
