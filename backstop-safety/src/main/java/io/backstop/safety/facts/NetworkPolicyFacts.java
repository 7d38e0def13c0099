package io.backstop.safety.facts;

import io.backstop.events.signal.NetworkPolicyChange;
import io.backstop.events.signal.Workload;
import io.backstop.safety.config.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The NetworkPolicies that select the target's pods and changed shortly before the onset. Safety
 * rationale: a NetworkPolicy lies outside the Deployment; a rollback or restart leaves it selecting
 * the new pods, so a recent one is a suspect no Deployment write undoes (a default-deny egress
 * policy shipped with a release that forgets DNS fails every pod of every revision).
 */
final class NetworkPolicyFacts {

  private NetworkPolicyFacts() {}

  static void contribute(Subject subject, Settings settings, Map<String, Object> facts) {
    Instant onset = subject.signals().anomalyOnset();
    Duration window = settings.suspectDeployWindow();
    List<NetworkPolicyChange> policies =
        subject
            .target()
            .map(Workload::ref)
            .map(ref -> subject.signals().findings().networkPoliciesOf(ref))
            .orElse(List.of());
    List<String> changed = new ArrayList<>();
    for (NetworkPolicyChange n : policies) {
      if (shortlyBefore(n, onset, window)) {
        changed.add(describe(n));
      }
    }
    facts.put("target.networkPolicyChanges", List.copyOf(changed));
  }

  /**
   * Changed no later than the onset and within the window before it (an unknown onset counts: fail
   * closed).
   */
  private static boolean shortlyBefore(NetworkPolicyChange n, Instant onset, Duration window) {
    return onset == null
        || (!n.changedAt().isAfter(onset) && !n.changedAt().isBefore(onset.minus(window)));
  }

  private static String describe(NetworkPolicyChange n) {
    return n.subject()
        + (n.generation() <= 1 ? " created at " : " changed at ")
        + n.changedAt()
        + (n.changedBy().isEmpty() ? "" : " by " + n.changedBy())
        + (n.blocksDns()
            ? " (restricts egress and lets no DNS out: port 53 is blocked)"
            : n.restrictsEgress() ? " (restricts egress; DNS allowed)" : " (ingress only)");
  }
}
