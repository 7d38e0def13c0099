package io.backstop.stack.services;

/** How a service JVM of its own used its class-data archive ({@link ServiceClassArchive}). */
public enum ClassArchiveUse {
  /** It mapped the archive an earlier JVM recorded. */
  MAPPED,
  /** It records one as it exits (its first start after a build). */
  RECORDING,
  /** Archives are turned off ({@code backstop.stack.serviceClassArchive=off}). */
  OFF,
  /** It could have none (the cache or the extraction failed; the stack's log says why). */
  UNAVAILABLE;

  /** As the bench and the stack's start print it. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
