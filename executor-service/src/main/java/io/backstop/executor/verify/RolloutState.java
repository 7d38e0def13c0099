package io.backstop.executor.verify;

/** What one look at a rollout says. */
public enum RolloutState {
  /** Rolled out, every new pod ready, no new restarts, error signal under threshold. */
  HEALTHY,
  /** Not there yet. */
  PROGRESSING,
  /** The new pods crash-loop: the write made things worse. */
  CRASH_LOOPING
}
