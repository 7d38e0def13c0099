package io.backstop.events.signal;

/**
 * What triage recognised in the signals. The action gate matches actions to these: a rollback fixes
 * a bad deploy, a restart fixes a leak or wedged pods, a scale fixes saturation.
 */
public enum SymptomKind {
  CRASH_LOOP,
  ERROR_RATE,
  OOM_KILLED,
  MEMORY_GROWTH,
  WEDGED_PODS,
  SATURATION,
  LATENCY,
  IMAGE_PULL_FAILURE,
  CREDENTIAL_FAILURE
}
