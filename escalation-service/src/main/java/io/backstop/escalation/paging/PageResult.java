package io.backstop.escalation.paging;

/**
 * How a page ended: delivered or not, after how many attempts, the last HTTP status (0 when no
 * answer came) and a detail line for the audit record and the dead letter.
 */
public record PageResult(boolean delivered, int attempts, int lastStatus, String detail) {

  /**
   * Whether the receiver said no to the request itself (a 4xx other than 429: an invalid event, a
   * bad routing key): sending the same bytes again cannot succeed. A timeout, a refused connection,
   * a 429 or a 5xx is not a refusal: the page is still owed.
   */
  public boolean refused() {
    return !delivered && lastStatus >= 400 && lastStatus < 500 && lastStatus != 429;
  }
}
