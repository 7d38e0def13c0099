package io.backstop.safety.facts;

import io.backstop.events.id.EvidenceId;
import io.backstop.events.signal.Evidence;
import io.backstop.events.signal.NodeReport;
import io.backstop.events.signal.RelatedWorkload;
import io.backstop.events.signal.Relation;
import io.backstop.events.signal.Workload;
import io.backstop.events.signal.WorkloadRef;
import java.util.Map;
import java.util.Optional;

/**
 * Facts about the evidence a diagnosis cites, judged against the resource the action writes (the
 * suspect, for a proposal that writes nothing). Safety rationale: a fix is grounded only in
 * evidence about what it changes. When the action writes something other than the alerted workload
 * (the alert fired on a victim, the cause is a dependency or a neighbour), the diagnosis must cite
 * the chain that links them: the victim's symptom AND the cause's; evidence about the alerted
 * workload then counts as on the chain, and so does evidence about a node that both share. When the
 * action writes the alerted workload itself, evidence about a dependency triage found it has (a
 * database it calls) is context, typically cited to rule the dependency out: neither off target nor
 * support. Anything else is off target.
 */
final class CitationFacts {

  private CitationFacts() {}

  static void contribute(Subject subject, Map<String, Object> facts) {
    Optional<Workload> resource = subject.suspect();
    WorkloadRef alerted = subject.signals().target();
    boolean elsewhere = resource.map(w -> !w.ref().equals(alerted)).orElse(false);
    long unknown = 0;
    long offTarget = 0;
    long injected = 0;
    long supporting = 0;
    long victim = 0;
    for (String cited : subject.diagnosis().citedEvidence()) {
      Optional<Evidence> item = EvidenceId.parse(cited).flatMap(subject.signals()::evidence);
      if (item.isEmpty()) {
        unknown++;
        continue;
      }
      Evidence e = item.get();
      boolean injection = e.suspectedInjection();
      boolean onResource =
          subject.concerns(e.workload(), resource)
              || (!elsewhere && resource.isPresent() && onNodeOf(subject, e, resource.get().ref()));
      boolean onVictim = elsewhere && alerted.equals(e.workload());
      boolean onSharedNode =
          elsewhere && onNodeOf(subject, e, resource.get().ref()) && onNodeOf(subject, e, alerted);
      boolean onDependency = !elsewhere && resource.isPresent() && dependency(subject, e);
      injected += injection ? 1 : 0;
      offTarget += onResource || onVictim || onSharedNode || onDependency ? 0 : 1;
      supporting += onResource && !injection ? 1 : 0;
      victim += (onVictim || onSharedNode) && !injection ? 1 : 0;
    }
    facts.put("citations.count", (long) subject.diagnosis().citedEvidence().size());
    facts.put("citations.supporting", supporting);
    facts.put("citations.unknown", unknown);
    facts.put("citations.offTarget", offTarget);
    facts.put("citations.injected", injected);
    facts.put("citations.victim", victim);
    facts.put("resource.isAlerted", resource.isPresent() && !elsewhere);
    facts.put(
        "resource.linkedToAlerted",
        resource.isPresent() && (!elsewhere || linked(subject, resource.get().ref(), alerted)));
  }

  /** Evidence about a node the workload's pods run on (the node's report lists it). */
  private static boolean onNodeOf(Subject subject, Evidence e, WorkloadRef workload) {
    if (e.node() == null) {
      return false;
    }
    for (NodeReport n : subject.signals().findings().nodes()) {
      if (n.name().equals(e.node()) && n.workloads().contains(workload)) {
        return true;
      }
    }
    return false;
  }

  /** Evidence about a workload triage found the alerted one depends on. */
  private static boolean dependency(Subject subject, Evidence e) {
    if (e.workload() == null) {
      return false;
    }
    for (RelatedWorkload r : subject.signals().findings().related()) {
      if (r.relation() == Relation.DEPENDENCY && r.workload().equals(e.workload())) {
        return true;
      }
    }
    return false;
  }

  /** Triage found the workload related to the alerted one (any relation), or on a shared node. */
  private static boolean linked(Subject subject, WorkloadRef resource, WorkloadRef alerted) {
    for (RelatedWorkload r : subject.signals().findings().related()) {
      if (resource.equals(r.workload())) {
        return true;
      }
    }
    for (NodeReport n : subject.signals().findings().nodes()) {
      if (n.workloads().contains(resource) && n.workloads().contains(alerted)) {
        return true;
      }
    }
    return false;
  }
}
