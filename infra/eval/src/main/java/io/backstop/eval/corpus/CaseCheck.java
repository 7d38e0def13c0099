package io.backstop.eval.corpus;

import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.signal.ConfigChange;
import io.backstop.events.signal.DriftDimension;
import io.backstop.events.signal.EvidenceKind;
import io.backstop.events.signal.Relation;
import io.backstop.events.signal.RevisionHealth;
import io.backstop.events.signal.ShaOrigin;
import io.backstop.events.signal.SymptomKind;
import io.backstop.scenario.load.FieldPath;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The consistency of one case: every reference resolves (workloads, evidence ids), every enum name
 * is known, every output says what is expected of it. The first problem found is thrown, naming its
 * line.
 */
final class CaseCheck {

  static final Set<String> KINDS = Set.of("fix", "human", "wrong");
  private static final Pattern EVIDENCE_ID = Pattern.compile("E[1-9][0-9]*");
  private static final Pattern CONFIG_REF =
      Pattern.compile("(secret|configmap)/[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
  private static final Set<String> WORKLOAD_KINDS =
      Set.of("Deployment", "StatefulSet", "DaemonSet", "Other");

  private final String file;
  private final String text;
  private final EvalCase c;
  private final Set<String> workloads = new HashSet<>();
  private final Set<String> evidence = new HashSet<>();

  private CaseCheck(String file, String text, EvalCase c) {
    this.file = file;
    this.text = text;
    this.c = c;
  }

  static void check(String file, EvalCase c, String text) {
    new CaseCheck(file, text, c).run();
  }

  private void run() {
    required(c.id(), "id");
    required(c.title(), "title");
    required(c.category(), "category");
    required(c.source(), "source");
    required(c.namespace(), "namespace");
    if (c.alert() == null) {
      fail(FieldPath.of("alert"), "every case names the alert's workload");
    }
    for (int i = 0; i < c.workloads().size(); i++) {
      WorkloadSpec w = c.workloads().get(i);
      required(w.name(), "workloads", i, "name");
      if (!workloads.add(w.name())) {
        fail(FieldPath.of("workloads", i, "name"), "workload '" + w.name() + "' appears twice");
      }
      if (w.kind() != null && !WORKLOAD_KINDS.contains(w.kind())) {
        fail(FieldPath.of("workloads", i, "kind"), "must be one of " + WORKLOAD_KINDS);
      }
      revisions(i, w);
    }
    workload(c.alert().workload(), FieldPath.of("alert", "workload"));
    for (int i = 0; i < c.evidence().size(); i++) {
      EvidenceSpec e = c.evidence().get(i);
      if (e.id() == null || !EVIDENCE_ID.matcher(e.id()).matches()) {
        fail(FieldPath.of("evidence", i, "id"), "must be E1, E2, ... but was " + e.id());
      }
      if (!evidence.add(e.id())) {
        fail(FieldPath.of("evidence", i, "id"), e.id() + " appears twice");
      }
      named(EvidenceKind.class, e.kind(), FieldPath.of("evidence", i, "kind"));
      optionalWorkload(e.workload(), FieldPath.of("evidence", i, "workload"));
      required(e.text(), "evidence", i, "text");
    }
    for (int i = 0; i < c.symptoms().size(); i++) {
      SymptomSpec s = c.symptoms().get(i);
      named(SymptomKind.class, s.kind(), FieldPath.of("symptoms", i, "kind"));
      workload(s.workload(), FieldPath.of("symptoms", i, "workload"));
      ids(s.evidence(), FieldPath.of("symptoms", i, "evidence"));
    }
    findings();
    prior();
    outputs();
  }

  private void configRefs(List<String> refs, FieldPath at) {
    for (String ref : refs) {
      if (ref == null || !CONFIG_REF.matcher(ref).matches()) {
        fail(at, "must be secret/<name> or configmap/<name>, but was '" + ref + "'");
      }
    }
  }

  private void revisions(int w, WorkloadSpec spec) {
    long current = spec.revisions().stream().filter(r -> Boolean.TRUE.equals(r.current())).count();
    if (current > 1) {
      fail(FieldPath.of("workloads", w, "revisions"), "more than one revision is current");
    }
    long previous = 0;
    for (int i = 0; i < spec.revisions().size(); i++) {
      RevisionSpec r = spec.revisions().get(i);
      FieldPath at = FieldPath.of("workloads", w, "revisions", i);
      if (r.revision() <= previous) {
        fail(at, "revisions must be listed oldest first with growing numbers");
      }
      previous = r.revision();
      if (r.ago() == null) {
        fail(at, "every revision says how long ago it rolled out (ago)");
      }
      configRefs(r.missingConfig(), FieldPath.of("workloads", w, "revisions", i, "missingConfig"));
      configRefs(
          r.unverifiedConfig(), FieldPath.of("workloads", w, "revisions", i, "unverifiedConfig"));
      if (r.health() != null) {
        named(RevisionHealth.class, r.health(), FieldPath.of("workloads", w, "revisions", i));
      }
      if (r.shaOrigin() != null) {
        named(ShaOrigin.class, r.shaOrigin(), FieldPath.of("workloads", w, "revisions", i));
      }
      if (i > 0
          && r.ago() != null
          && spec.revisions().get(i - 1).ago() != null
          && r.ago().compareTo(spec.revisions().get(i - 1).ago()) > 0) {
        fail(at, "a later revision cannot have rolled out before an earlier one");
      }
    }
  }

  private void findings() {
    FindingsSpec f = c.findings();
    for (int i = 0; i < f.related().size(); i++) {
      workload(f.related().get(i).workload(), FieldPath.of("findings", "related", i, "workload"));
      named(
          Relation.class,
          f.related().get(i).relation(),
          FieldPath.of("findings", "related", i, "relation"));
      ids(f.related().get(i).evidence(), FieldPath.of("findings", "related", i, "evidence"));
    }
    for (int i = 0; i < f.nodes().size(); i++) {
      var node = f.nodes().get(i);
      required(node.name(), "findings", "nodes", i, "name");
      for (String w : node.workloads() == null ? List.<String>of() : node.workloads()) {
        workload(w, FieldPath.of("findings", "nodes", i, "workloads"));
      }
      ids(node.evidence(), FieldPath.of("findings", "nodes", i, "evidence"));
    }
    for (int i = 0; i < f.releaseTrains().size(); i++) {
      var train = f.releaseTrains().get(i);
      if (train.deployments() == null || train.deployments().size() < 2) {
        fail(FieldPath.of("findings", "releaseTrains", i), "a train has at least two Deployments");
      }
      for (String w : train.deployments()) {
        workload(w, FieldPath.of("findings", "releaseTrains", i, "deployments"));
      }
    }
    for (int i = 0; i < f.drift().size(); i++) {
      var d = f.drift().get(i);
      workload(d.workload(), FieldPath.of("findings", "drift", i, "workload"));
      named(DriftDimension.class, d.dimension(), FieldPath.of("findings", "drift", i, "dimension"));
      ids(
          d.evidence() == null ? List.of() : List.of(d.evidence()),
          FieldPath.of("findings", "drift", i));
    }
    for (int i = 0; i < f.configChanges().size(); i++) {
      var cc = f.configChanges().get(i);
      workload(cc.workload(), FieldPath.of("findings", "configChanges", i, "workload"));
      if (!Set.of("Secret", "ConfigMap").contains(cc.kind())) {
        fail(FieldPath.of("findings", "configChanges", i, "kind"), "must be Secret or ConfigMap");
      }
      if (cc.changedAgo() == null) {
        fail(FieldPath.of("findings", "configChanges", i), "changedAgo is required");
      }
      for (int j = 0; j < cc.referencedAs().size(); j++) {
        named(
            ConfigChange.Reference.class,
            cc.referencedAs().get(j),
            FieldPath.of("findings", "configChanges", i, "referencedAs", j));
      }
    }
    for (int i = 0; i < f.replicaChanges().size(); i++) {
      var rc = f.replicaChanges().get(i);
      workload(rc.workload(), FieldPath.of("findings", "replicaChanges", i, "workload"));
      if (rc.ago() == null) {
        fail(FieldPath.of("findings", "replicaChanges", i), "ago is required");
      }
    }
    for (int i = 0; i < f.autoscalers().size(); i++) {
      var a = f.autoscalers().get(i);
      workload(a.workload(), FieldPath.of("findings", "autoscalers", i, "workload"));
      if (a.max() < 1 || a.min() < 0 || a.min() > a.max() || a.current() < 0) {
        fail(
            FieldPath.of("findings", "autoscalers", i),
            "needs 0 <= min <= max, max >= 1 and current >= 0, but was min "
                + a.min()
                + ", max "
                + a.max()
                + ", current "
                + a.current());
      }
      ids(
          a.evidence() == null ? List.of() : List.of(a.evidence()),
          FieldPath.of("findings", "autoscalers", i));
    }
    for (int i = 0; i < f.networkPolicies().size(); i++) {
      var n = f.networkPolicies().get(i);
      workload(n.workload(), FieldPath.of("findings", "networkPolicies", i, "workload"));
      required(n.name(), "findings", "networkPolicies", i, "name");
      if (n.changedAgo() == null) {
        fail(FieldPath.of("findings", "networkPolicies", i), "changedAgo is required");
      }
      ids(
          n.evidence() == null ? List.of() : List.of(n.evidence()),
          FieldPath.of("findings", "networkPolicies", i));
    }
  }

  private void prior() {
    for (int i = 0; i < c.prior().size(); i++) {
      PriorAction p = c.prior().get(i);
      FieldPath at = FieldPath.of("prior", i);
      if (!Set.of("ROLLBACK", "RESTART", "SCALE", "REROUTE").contains(p.action())) {
        fail(at, "action must be ROLLBACK, RESTART, SCALE or REROUTE");
      }
      if (!"REROUTE".equals(p.action())) {
        workload(p.workload(), FieldPath.of("prior", i, "workload"));
      }
      if (p.incident() != null && !Set.of("same", "other").contains(p.incident())) {
        fail(FieldPath.of("prior", i, "incident"), "must be same or other");
      }
      if (p.ago() == null) {
        fail(at, "ago is required");
      }
    }
  }

  private void outputs() {
    if (c.outputs().isEmpty()) {
      fail(FieldPath.of("outputs"), "a case has at least one model output");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < c.outputs().size(); i++) {
      ModelOutput o = c.outputs().get(i);
      required(o.name(), "outputs", i, "name");
      if (!names.add(o.name())) {
        fail(FieldPath.of("outputs", i, "name"), "two outputs are named " + o.name());
      }
      if (o.tier() != null) {
        named(ModelTier.class, o.tier(), FieldPath.of("outputs", i, "tier"));
      }
      if (o.diagnosis() == null) {
        fail(FieldPath.of("outputs", i), "an output has a diagnosis");
      }
      if (o.diagnosis().action() == null || o.diagnosis().action().type() == null) {
        fail(FieldPath.of("outputs", i, "diagnosis"), "a diagnosis recommends an action (type)");
      }
      Expectation e = o.expect();
      if (e == null || !KINDS.contains(e.kind())) {
        fail(FieldPath.of("outputs", i, "expect"), "expect.kind must be fix, human or wrong");
      }
      if ("fix".equals(e.kind())
          && (e.action() == null || e.action().type() == null || e.action().target() == null)) {
        fail(FieldPath.of("outputs", i, "expect"), "a fix names the action to approve");
      }
      if ("wrong".equals(e.kind()) && e.policy() == null && e.gate() == null) {
        fail(
            FieldPath.of("outputs", i, "expect"),
            "a wrong output names the policy (or gate) expected to stop it");
      }
      if (e.gate() != null
          && !Set.of("budget", "quality", "action", "autonomy", "breaker").contains(e.gate())) {
        fail(FieldPath.of("outputs", i, "expect", "gate"), "unknown gate " + e.gate());
      }
    }
  }

  private void ids(List<String> ids, FieldPath at) {
    if (ids == null) {
      return;
    }
    for (String id : ids) {
      if (!evidence.contains(id)) {
        fail(at, "evidence " + id + " is not in the case's evidence");
      }
    }
  }

  private void workload(String name, FieldPath at) {
    if (name == null || !workloads.contains(name)) {
      fail(at, "workload '" + name + "' is not in the case's workloads");
    }
  }

  private void optionalWorkload(String name, FieldPath at) {
    if (name != null) {
      workload(name, at);
    }
  }

  private <E extends Enum<E>> void named(Class<E> type, String value, FieldPath at) {
    try {
      Enum.valueOf(type, value == null ? "" : value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      fail(at, "'" + value + "' is not a " + type.getSimpleName());
    }
  }

  private void required(String value, Object... path) {
    if (value == null || value.isBlank()) {
      fail(FieldPath.of(path), "is required");
    }
  }

  private void fail(FieldPath at, String problem) {
    throw new CorpusException(file, CorpusLoader.lineOf(text, at), at.toString(), problem);
  }
}
