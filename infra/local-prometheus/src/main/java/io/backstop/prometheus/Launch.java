package io.backstop.prometheus;

/**
 * What {@link LocalPrometheus#start} did: started both ({@link RunningStack}) or could not because
 * the binaries are not installed ({@link Unavailable}), so the local stack runs without them.
 */
public sealed interface Launch permits RunningStack, Launch.Unavailable {

  /** The binaries are absent; {@code reason} says which and how to install them. */
  record Unavailable(String reason) implements Launch {}
}
