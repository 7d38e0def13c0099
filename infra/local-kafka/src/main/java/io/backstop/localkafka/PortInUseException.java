package io.backstop.localkafka;

/** The port the broker should listen on is taken: a clear error at once, never a hang. */
public final class PortInUseException extends RuntimeException {

  private final int port;

  public PortInUseException(int port, Throwable cause) {
    super(
        "port "
            + port
            + " on 127.0.0.1 is already in use; stop what holds it (another broker? try"
            + " `backstop down`) or choose another port with --port",
        cause);
    this.port = port;
  }

  public int port() {
    return port;
  }
}
