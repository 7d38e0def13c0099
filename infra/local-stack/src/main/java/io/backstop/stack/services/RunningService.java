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

  /** For a service that runs as its own JVM, how that JVM used its class-data archive. */
  default java.util.Optional<ClassArchiveUse> classArchive() {
    return java.util.Optional.empty();
  }

  /**
   * Told once the service answered its health check. A service JVM recording its class-data archive
   * keeps the recording only after that: one stopped half-way through its start would record only
   * the classes it had loaded so far.
   */
  default void ready() {}

  /**
   * Asks a service that runs as its own JVM to stop (SIGTERM) without waiting, so several stop at
   * once; {@link #close()} then waits for it. An in-process service does nothing here.
   */
  default void beginStop() {}

  /** Whether {@link #kill()} is a real SIGKILL (a process of its own), not a context closed. */
  default boolean killedBySignal() {
    return false;
  }

  @Override
  void close();
}
