package io.backstop.escalation.paging;

import java.util.Locale;

/** The Events v2 {@code event_action}. */
public enum PagerAction {
  TRIGGER,
  ACKNOWLEDGE,
  RESOLVE;

  /** The word on the wire, which is also the operation recorded on {@code EscalationDelivered}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
