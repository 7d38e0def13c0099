package io.backstop.events.signal;

import io.backstop.events.Require;
import java.util.List;

/**
 * The error signal triage judged the alerted workload by, so the executor verifies recovery against
 * the same signal rather than a fixed rule: the status codes counted as errors ("500", "409"), the
 * workload's own baseline share of those codes before the anomaly, and the excess over that
 * baseline that counts as anomalous, and the query that read the request rate by code. Null in a
 * {@link Gathering} when no error signal was computed (no request metrics, or events older than
 * this field).
 *
 * @param codes the counted status codes, without reasons; never empty
 * @param baseline the baseline share of counted codes, between 0 and 1
 * @param threshold the excess over baseline that counts as anomalous, above 0 and at most 1
 * @param query the PromQL, bound to the workload, whose answer is the request rate per {@code code}
 *     label; null in events that did not record it. A reader never runs it as given (it is text
 *     from triage's signals): the executor compares it with its own query bound to the workload and
 *     refuses a basis whose query differs
 */
public record ErrorBasis(List<String> codes, double baseline, double threshold, String query) {

  public ErrorBasis {
    codes = Require.list(codes);
    if (codes.isEmpty()) {
      throw new Require.InvalidFieldException("gathering.errors.codes", "must name a code");
    }
    share(baseline, "gathering.errors.baseline");
    share(threshold, "gathering.errors.threshold");
    if (threshold == 0) {
      throw new Require.InvalidFieldException("gathering.errors.threshold", "must be above 0");
    }
    if (query != null && query.isBlank()) {
      query = null;
    }
  }

  /** A basis that does not record its query. */
  public ErrorBasis(List<String> codes, double baseline, double threshold) {
    this(codes, baseline, threshold, null);
  }

  private static void share(double value, String field) {
    if (!(value >= 0 && value <= 1)) {
      throw new Require.InvalidFieldException(field, "must be a share in [0, 1], but was " + value);
    }
  }

  /**
   * Whether a share of the counted codes is back within the threshold of the baseline: the same
   * test by which triage found the errors up, so the two never disagree. NaN is never recovered.
   */
  public boolean recovered(double share) {
    return share - baseline <= threshold;
  }
}
