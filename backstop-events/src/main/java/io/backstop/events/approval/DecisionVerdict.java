package io.backstop.events.approval;

/** What a person decided about a pending approval. */
public enum DecisionVerdict {
  APPROVED,
  DENIED
}
