package io.backstop.sandbox.store;

/** A store operation the CRUD dispatcher refused, with the object and the answer it gave. */
public class StoreException extends RuntimeException {

  public StoreException(String message) {
    super(message);
  }
}
