package io.backstop.stack.services;

/** A started service; closing it stops it. */
public interface RunningService extends AutoCloseable {

  String name();

  int port();

  /** The operating-system process of a service that runs as its own JVM. */
  default java.util.OptionalLong pid() {
    return java.util.OptionalLong.empty();
  }

  @Override
  void close();
}
