package io.backstop.localkafka;

/** The broker could not be formatted, started or made ready; the message says which and why. */
public final class BrokerStartException extends RuntimeException {

  public BrokerStartException(String message, Throwable cause) {
    super(message, cause);
  }

  public BrokerStartException(String message) {
    super(message);
  }
}
