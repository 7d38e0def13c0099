package io.backstop.stack;

/** A port the stack needs is taken; says which and what wanted it. */
public final class PortTakenException extends RuntimeException {

  private final int port;

  public PortTakenException(int port, String what) {
    super(
        "port "
            + port
            + " ("
            + what
            + ") is already in use on 127.0.0.1; stop what holds it"
            + " (`backstop down` if it is an earlier stack) or choose another --port-base");
    this.port = port;
  }

  public int port() {
    return port;
  }
}
