package io.backstop.stack.chaos;

/** One fault of a chaos run: what was done, what must hold, what was seen, and whether it held. */
public record ChaosRow(String fault, String expectation, String observed, boolean held) {

  public static ChaosRow of(String fault, String expectation, String observed, boolean held) {
    return new ChaosRow(fault, expectation, observed, held);
  }

  /** A fault whose run itself failed (a timeout, a part that would not restart): not held. */
  public static ChaosRow failed(String fault, String expectation, Exception e) {
    return new ChaosRow(
        fault,
        expectation,
        "the run failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
        false);
  }
}
