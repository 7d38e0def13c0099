package io.backstop.cli;

/** Exit codes every subcommand uses. */
public final class ExitCodes {

  /** Done; for a check, it passed. */
  public static final int OK = 0;

  /** A check failed (a broken hash chain, an unreadable audit record) or nothing was found. */
  public static final int CHECK_FAILED = 1;

  /** The command could not do its job (broker unreachable, port taken, ...). */
  public static final int FAILED = 3;

  private ExitCodes() {}
}
