package io.backstop.safety.review;

import io.backstop.events.Escalated;

/** The review flow's mothers, for the other tests of this package. */
final class ReviewFlowTestAccess {

  private ReviewFlowTestAccess() {}

  static Escalated breakerOpened() {
    return ReviewFlowTest.breakerOpened();
  }
}
