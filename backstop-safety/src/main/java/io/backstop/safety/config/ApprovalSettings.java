package io.backstop.safety.config;

import io.backstop.events.signal.Workload;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How a human approves a write that fell short of autonomy: how long an approval stays open, and
 * how many distinct people must approve it. Safety rationale: an approval that nobody decides
 * lapses (never "approved by default"); a write on production needs more people than elsewhere.
 *
 * @param expiry how long an approval stays open (default 15 minutes)
 * @param approvers distinct approvers a write needs (default 1)
 * @param productionApprovers distinct approvers a write on production needs (default 2)
 * @param productionNamespaces namespaces that are production
 * @param productionLabels a workload carrying any of these labels is production
 */
public record ApprovalSettings(
    Duration expiry,
    int approvers,
    int productionApprovers,
    List<String> productionNamespaces,
    Map<String, String> productionLabels) {

  public static final ApprovalSettings DEFAULTS =
      new ApprovalSettings(Duration.ofMinutes(15), 1, 2, List.of(), Map.of());

  public ApprovalSettings {
    if (expiry == null || expiry.isNegative() || expiry.isZero()) {
      throw new IllegalArgumentException(
          "approval.expiry must be a positive duration, but was " + expiry);
    }
    if (approvers < 1 || productionApprovers < approvers) {
      throw new IllegalArgumentException(
          "approval.approvers must be >= 1 and production.approvers >= approvers, but were "
              + approvers
              + " and "
              + productionApprovers);
    }
    productionNamespaces = List.copyOf(productionNamespaces);
    productionLabels = Map.copyOf(productionLabels);
  }

  /** The distinct approvers a write on this workload needs. */
  public int approversFor(Workload target) {
    boolean production =
        productionNamespaces.contains(target.ref().namespace())
            || productionLabels.entrySet().stream()
                .anyMatch(l -> l.getValue().equals(target.labels().get(l.getKey())));
    return production ? productionApprovers : approvers;
  }
}
