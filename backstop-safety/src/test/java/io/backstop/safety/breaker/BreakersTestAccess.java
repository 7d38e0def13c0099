package io.backstop.safety.breaker;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.action.ExecutionStatus;

/** Event mothers of the breaker tests, shared with the budget tests. */
public final class BreakersTestAccess {

  private BreakersTestAccess() {}

  public static ActionExecuted outcome(ExecutionStatus status, long minutesAgo, int n) {
    return BreakersTest.outcome(status, minutesAgo, n);
  }

  public static ActionApproved approval(long minutesAgo, int n) {
    return BreakersTest.approval(minutesAgo, n);
  }
}
