package io.backstop.events.action;

/** The three outcomes of one policy, as carried on the record. */
public enum VerdictOutcome {
  ALLOW,
  DENY,
  ESCALATE
}
