package io.backstop.diagnosis.analyzer;

/**
 * The one place that says how confident the offline analyzer is in each kind of answer, calibrated
 * on the evaluation corpus ({@code infra/eval}, scored by {@code CorpusRatchetTest}): each value is
 * how often that kind of answer was right there, smoothed for the small count ((right + 1) / (all +
 * 2)) and rounded down. Whether an answer may act is not decided here: the policy file states each
 * tier's write threshold ({@code confidence.write.OFFLINE}), and the guardrail compares. Re-measure
 * and update these values when the corpus or a rule changes; never raise one past its measurement.
 */
final class Calibration {

  /**
   * A rollback of a bad deploy to the last revision that ran HEALTHY (off any release train). The
   * corpus of 77 cases: right 6 of 6 with crash loop and errors, 15 of 15 with one of the two once
   * release trains escalate; (6 + 1) / (6 + 2) = 0.875, the lower of the two.
   */
  static final double ROLLBACK = 0.87;

  /**
   * A restart of a leak with memory growth and OOM kills. The corpus has too few to measure apart
   * (the 0.6 and 0.7 answers together were right 5 of 5); kept below the write threshold until it
   * has more.
   */
  static final double RESTART_LEAK = 0.7;

  /** A restart with only one leak symptom, or wedged pods: as above, kept below. */
  static final double RESTART_OTHER = 0.6;

  /**
   * A scale-out for saturation by a fixed step: right 2 of 6 at the corpus (the step misses the
   * replicas the workload ran with, and saturation without capacity needs a human); (2 + 1) / (6 +
   * 2) = 0.375.
   */
  static final double SCALE_OUT = 0.37;

  /** Escalations: their confidence gates nothing (they write nothing). */
  static final double ESCALATE_KNOWN = 0.6;

  static final double ESCALATE_CREDENTIAL = 0.8;
  static final double ESCALATE_UNRECOGNISED = 0.2;

  private Calibration() {}
}
