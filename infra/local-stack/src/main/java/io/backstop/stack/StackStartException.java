package io.backstop.stack;

import java.nio.file.Path;

/** A part of the stack failed to start; names the part and the log file to read. */
public final class StackStartException extends RuntimeException {

  private final String part;
  private final Path logFile;

  public StackStartException(String part, Path logFile, Throwable cause) {
    super(part + " failed to start: " + rootMessage(cause) + " (log: " + logFile + ")", cause);
    this.part = part;
    this.logFile = logFile;
  }

  public String part() {
    return part;
  }

  public Path logFile() {
    return logFile;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
