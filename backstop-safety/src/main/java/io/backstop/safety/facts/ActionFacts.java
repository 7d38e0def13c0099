package io.backstop.safety.facts;

import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.signal.DeploymentStrategy;
import io.backstop.events.signal.VolumeClaim;
import io.backstop.events.signal.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Facts about the write itself and the workload it targets, as the inventory describes it. */
final class ActionFacts {

  private ActionFacts() {}

  static void contribute(Subject subject, Map<String, Object> facts) {
    ProposedWrite write = subject.write();
    ModelText shown = subject.modelText();
    Optional<ActionType> type = write.type();
    Optional<Workload> target = subject.target();
    Optional<Workload> suspect = subject.suspect();
    facts.put("action.requested", shown.shown(text(write.requested())));
    facts.put("action.supported", type.isPresent());
    facts.put("action.type", type.map(Enum::name).orElse(""));
    facts.put("action.write", type.map(ActionType::isWrite).orElse(false));
    facts.put("action.scope", shown.shown(text(write.scope())).strip().toLowerCase(Locale.ROOT));
    facts.put("action.target", shown.shown(text(write.target())));
    facts.put("action.namespace", shown.shown(text(write.namespace())));
    facts.put("action.revision", write.revision() == null ? -1L : write.revision());
    facts.put("action.sha", shown.shown(text(write.sha())));
    facts.put("action.templateHash", shown.shown(text(write.templateHash())));
    facts.put("action.replicas", write.replicas() == null ? -1L : (long) write.replicas());
    facts.put(
        "action.targetIsSuspect",
        target.isPresent()
            && suspect.isPresent()
            && target.get().ref().equals(suspect.get().ref()));
    facts.put("action.followsInjection", InjectionMatch.follows(subject));
    facts.put("action.matchesProposal", write.matchesProposal());
    facts.put("target.found", target.isPresent());
    facts.put("target.kind", target.map(w -> w.ref().kind().name()).orElse("UNKNOWN"));
    facts.put(
        "target.namespace",
        target.map(w -> w.ref().namespace()).orElse(Names.canonical(write.namespace()).orElse("")));
    facts.put(
        "target.name",
        target.map(w -> w.ref().name()).orElse(Names.canonical(write.target()).orElse("")));
    facts.put("target.protected", target.map(Workload::labelledProtected).orElse(false));
    facts.put("target.replicas", target.map(w -> (long) w.desiredReplicas()).orElse(-1L));
    facts.put("target.singleton", target.map(Workload::singleton).orElse(false));
    facts.put("target.paused", target.map(Workload::paused).orElse(false));
    facts.put("target.readyReplicas", target.map(w -> (long) w.readyReplicas()).orElse(-1L));
    facts.put(
        "target.strategy",
        target.map(Workload::strategy).map(DeploymentStrategy::kubernetesName).orElse(""));
    facts.put(
        "target.hold", target.filter(Workload::held).map(w -> w.hold().describe()).orElse(""));
    facts.put(
        "target.gitOps",
        target.filter(Workload::gitOpsManaged).map(w -> w.gitOps().describe()).orElse(""));
    facts.put(
        "target.operator",
        target.filter(Workload::operatorOwned).map(w -> w.operator().describe()).orElse(""));
    facts.put("target.singlePodClaims", target.map(ActionFacts::singlePodClaims).orElse(List.of()));
  }

  /**
   * The claims the target's pods mount that admit one pod at a time (ReadWriteOncePod), and those
   * whose access modes triage could not read (an unread claim is not taken for a shareable one).
   */
  private static List<String> singlePodClaims(Workload w) {
    if (w.claims() == null || w.claims().isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(1);
    for (VolumeClaim c : w.claims()) {
      if (c.singlePod()) {
        out.add("claim " + c.name() + " (" + VolumeClaim.READ_WRITE_ONCE_POD + ")");
      } else if (c.unknown()) {
        out.add("claim " + c.name() + " (access modes unknown)");
      }
    }
    return List.copyOf(out);
  }

  static String text(String value) {
    return value == null ? "" : value;
  }
}
