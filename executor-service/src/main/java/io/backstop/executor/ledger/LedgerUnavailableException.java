package io.backstop.executor.ledger;

/** The ledger topic could not be read or written; the executor must not write without it. */
public class LedgerUnavailableException extends RuntimeException {

  public LedgerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
