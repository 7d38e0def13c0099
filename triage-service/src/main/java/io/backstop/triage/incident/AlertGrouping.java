package io.backstop.triage.incident;

import io.backstop.events.signal.WorkloadRef;
import io.backstop.triage.evidence.AlertedWorkload;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Which incident an alert belongs to. The group key joins the configured labels' values, with
 * {@code workload} standing for the name of the workload the alert is about ({@link
 * AlertedWorkload}); an alert lacking all of them groups by its alertname.
 */
public final class AlertGrouping {

  public static final String WORKLOAD = "workload";

  private final GroupingPolicy policy;

  public AlertGrouping(GroupingPolicy policy) {
    this.policy = policy;
  }

  /** The group key, e.g. {@code namespace=shop|workload=checkout}. */
  public String groupKey(Map<String, String> labels) {
    StringBuilder key = new StringBuilder();
    boolean any = false;
    for (String label : policy.labels()) {
      String value =
          WORKLOAD.equals(label)
              ? AlertedWorkload.of(labels).map(WorkloadRef::name).orElse(null)
              : labels.get(label);
      any |= value != null;
      if (key.length() > 0) {
        key.append('|');
      }
      key.append(label).append('=').append(value == null ? "" : value);
    }
    return any ? key.toString() : "alertname=" + labels.getOrDefault("alertname", "");
  }

  /** A short stable hash of a group key, usable in ids and Kafka keys. */
  public static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
