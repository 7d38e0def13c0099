package io.backstop.triage.findings;

import io.backstop.events.signal.WorkloadRef;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The NetworkPolicies of a namespace whose podSelector selects a workload's pods (by its pod
 * template's labels) and that were created or written within the change window: when (creation and
 * the latest managedFields time), by which field manager, their generation, whether they govern
 * egress and whether an egress rule lets DNS out (port 53, UDP or TCP, or a rule with no ports). A
 * policy the workload's Deployment does not own keeps selecting its pods through any rollback.
 */
public final class NetworkPolicies {

  private NetworkPolicies() {}

  /** One policy selecting the workload, with the text of its evidence item. */
  public record Found(
      WorkloadRef workload,
      String name,
      Instant createdAt,
      Instant changedAt,
      long generation,
      boolean restrictsEgress,
      Boolean allowsDns,
      String changedBy,
      String text) {

    public String subject() {
      return "networkpolicy/" + name;
    }
  }

  public static List<Found> of(
      WorkloadRef workload,
      Map<String, String> podLabels,
      List<NetworkPolicy> policies,
      Duration window,
      Instant now) {
    List<Found> out = new ArrayList<>();
    for (NetworkPolicy p : policies) {
      if (p.getMetadata() == null || p.getSpec() == null) {
        continue;
      }
      if (!workload.namespace().equals(p.getMetadata().getNamespace())
          || !selects(p.getSpec().getPodSelector(), podLabels)) {
        continue;
      }
      Instant created = time(p.getMetadata().getCreationTimestamp());
      Instant changed = created;
      String by = "";
      for (ManagedFieldsEntry m :
          p.getMetadata().getManagedFields() == null
              ? List.<ManagedFieldsEntry>of()
              : p.getMetadata().getManagedFields()) {
        Instant at = time(m.getTime());
        if (at != null && (changed == null || !at.isBefore(changed))) {
          changed = at;
          by = m.getManager() == null ? "" : m.getManager();
        }
      }
      if (changed == null || changed.isBefore(now.minus(window))) {
        continue;
      }
      boolean egress = restrictsEgress(p);
      Boolean dns = egress ? allowsDns(p.getSpec().getEgress()) : null;
      long generation =
          p.getMetadata().getGeneration() == null ? 1 : p.getMetadata().getGeneration();
      String name = p.getMetadata().getName();
      String text =
          "networkpolicy "
              + name
              + " selects the pods of "
              + workload.namespace()
              + "/"
              + workload.name()
              + "; created at "
              + created
              + (changed.equals(created) ? "" : ", last written at " + changed)
              + (by.isEmpty() ? "" : " by " + by)
              + ", generation "
              + generation
              + (egress
                  ? "; it restricts egress and "
                      + (Boolean.TRUE.equals(dns)
                          ? "lets DNS (port 53) out"
                          : "no egress rule lets DNS (port 53) out")
                  : "; it restricts ingress only")
              + ".";
      out.add(
          new Found(
              workload,
              name,
              created == null ? changed : created,
              changed,
              generation,
              egress,
              dns,
              by,
              text));
    }
    out.sort(Comparator.comparing(Found::changedAt).reversed());
    return List.copyOf(out);
  }

  /** policyTypes holds Egress, or (no policyTypes) the spec has egress rules. */
  static boolean restrictsEgress(NetworkPolicy p) {
    List<String> types = p.getSpec().getPolicyTypes();
    if (types != null && !types.isEmpty()) {
      return types.contains("Egress");
    }
    return p.getSpec().getEgress() != null && !p.getSpec().getEgress().isEmpty();
  }

  /** Some egress rule lets port 53 out: a rule with no ports, or a port 53 (or a range over it). */
  static boolean allowsDns(List<NetworkPolicyEgressRule> rules) {
    for (NetworkPolicyEgressRule r : rules == null ? List.<NetworkPolicyEgressRule>of() : rules) {
      if (r.getPorts() == null || r.getPorts().isEmpty()) {
        return true;
      }
      for (NetworkPolicyPort port : r.getPorts()) {
        if (port.getPort() == null) {
          return true;
        }
        Integer number = port.getPort().getIntVal();
        String named = port.getPort().getStrVal();
        int end = port.getEndPort() == null ? (number == null ? -1 : number) : port.getEndPort();
        if ((number != null && number <= 53 && end >= 53)
            || (named != null && named.toLowerCase(java.util.Locale.ROOT).startsWith("dns"))) {
          return true;
        }
      }
    }
    return false;
  }

  /** A label selector over the pod labels: an empty selector selects every pod. */
  static boolean selects(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return true;
    }
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
        if (!e.getValue().equals(labels.get(e.getKey()))) {
          return false;
        }
      }
    }
    for (LabelSelectorRequirement r :
        selector.getMatchExpressions() == null
            ? List.<LabelSelectorRequirement>of()
            : selector.getMatchExpressions()) {
      String value = labels.get(r.getKey());
      List<String> values = r.getValues() == null ? List.of() : r.getValues();
      boolean ok =
          switch (r.getOperator() == null ? "" : r.getOperator()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static Instant time(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
