package io.backstop.stack.services;

/** A started service; closing it stops it. */
public interface RunningService extends AutoCloseable {

  String name();

  int port();

  /** The operating-system process of a service that runs as its own JVM. */
  default java.util.OptionalLong pid() {
    return java.util.OptionalLong.empty();
  }

  /**
   * Stops the service as a crash would, with no chance to finish what it was doing: SIGKILL for a
   * process of its own; an in-process service can only have its context closed.
   */
  default void kill() {
    close();
  }

  /** Whether {@link #kill()} is a real SIGKILL (a process of its own), not a context closed. */
  default boolean killedBySignal() {
    return false;
  }

  @Override
  void close();
}
