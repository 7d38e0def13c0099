package io.backstop.stack.services;

/** A started service; closing it stops it. */
public interface RunningService extends AutoCloseable {

  String name();

  int port();

  @Override
  void close();
}
