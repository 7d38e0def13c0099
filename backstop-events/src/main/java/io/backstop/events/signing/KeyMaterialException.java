package io.backstop.events.signing;

/**
 * A key could not be read: not PEM, not Ed25519, unreadable file. The message never contains key
 * material.
 */
public final class KeyMaterialException extends RuntimeException {

  public KeyMaterialException(String message) {
    super(message);
  }

  public KeyMaterialException(String message, Throwable cause) {
    super(message, cause);
  }
}
