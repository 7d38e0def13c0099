package io.backstop.stack.chaos;

/** A chaos run could not do a fault or read what it needs to judge one. */
public final class ChaosException extends RuntimeException {

  public ChaosException(String message) {
    super(message);
  }

  public ChaosException(String message, Throwable cause) {
    super(message + ": " + cause.getMessage(), cause);
  }
}
