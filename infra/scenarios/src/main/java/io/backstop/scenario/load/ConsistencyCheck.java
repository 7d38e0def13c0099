package io.backstop.scenario.load;

import io.backstop.scenario.Deployment;
import io.backstop.scenario.Expected;
import io.backstop.scenario.ExpectedAction;
import io.backstop.scenario.ModelBehaviour;
import io.backstop.scenario.Namespace;
import io.backstop.scenario.Scenario;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the schema cannot say: names that must refer to something in the cluster, unique names,
 * revision order, and scripted behaviours that need a scripted diagnosis.
 */
public final class ConsistencyCheck {

  private final Scenario scenario;
  private final List<Violation> violations = new ArrayList<>();

  private ConsistencyCheck(Scenario scenario) {
    this.scenario = scenario;
  }

  public static List<Violation> check(Scenario scenario) {
    var check = new ConsistencyCheck(scenario);
    check.cluster();
    check.images();
    check.fault();
    check.alert();
    check.expected();
    check.models();
    return check.violations;
  }

  private void cluster() {
    var namespaceNames = new HashSet<String>();
    var namespaces = scenario.cluster().namespaces();
    for (int n = 0; n < namespaces.size(); n++) {
      var at = FieldPath.of("cluster", "namespaces", n);
      var namespace = namespaces.get(n);
      unique(namespaceNames, namespace.name(), at.property("name"), "namespace");
      workloads(namespace, at);
    }
  }

  private void workloads(Namespace namespace, FieldPath at) {
    var names = new HashSet<String>();
    var secrets = new HashSet<String>();
    for (int i = 0; i < namespace.secrets().size(); i++) {
      unique(
          secrets,
          namespace.secrets().get(i).name(),
          at.property("secrets").index(i).property("name"),
          "secret");
    }
    for (int d = 0; d < namespace.deployments().size(); d++) {
      var deployment = namespace.deployments().get(d);
      var deploymentAt = at.property("deployments").index(d);
      unique(names, deployment.name(), deploymentAt.property("name"), "workload");
      revisions(deployment, deploymentAt.property("revisions"));
      references(deployment, secrets, deploymentAt);
    }
    for (int m = 0; m < namespace.mutations().size(); m++) {
      var mutation = namespace.mutations().get(m);
      if (namespace.deployment(mutation.deployment()).isEmpty()) {
        violation(
            at.property("mutations").index(m).property("deployment"),
            noSuchDeployment(namespace.name(), mutation.deployment()));
      }
    }
    for (int s = 0; s < namespace.statefulSets().size(); s++) {
      var name = namespace.statefulSets().get(s).name();
      unique(names, name, at.property("statefulSets").index(s).property("name"), "workload");
    }
  }

  /** A deployment's Secrets and node must exist. */
  private void references(Deployment deployment, Set<String> secrets, FieldPath at) {
    for (var env : deployment.secretEnv().entrySet()) {
      if (!secrets.contains(env.getValue())) {
        violation(
            at.property("secretEnv").property(env.getKey()),
            "no secret '" + env.getValue() + "' in the namespace's secrets");
      }
    }
    var nodes = scenario.cluster().nodes();
    if (deployment.node() != null
        && nodes.stream().noneMatch(n -> n.name().equals(deployment.node()))) {
      violation(at.property("node"), "no node '" + deployment.node() + "' in cluster.nodes");
    }
  }

  private void revisions(Deployment deployment, FieldPath at) {
    var revisions = deployment.revisions();
    for (int r = 1; r < revisions.size(); r++) {
      var previous = revisions.get(r - 1);
      var revision = revisions.get(r);
      if (revision.image().equals(previous.image())
          && revision.gitSha().equals(previous.gitSha())
          && revision.env().equals(previous.env())) {
        violation(
            at.index(r),
            "runs the same image, SHA and env as revision "
                + previous.revision()
                + ": a revision must change something (a config-only revision sets env)");
      }
      if (revision.revision() <= previous.revision()) {
        violation(
            at.index(r).property("revision"),
            "revisions are listed oldest first, so must be > "
                + previous.revision()
                + ", but was "
                + revision.revision());
      }
      if (revision.deployedAgo().compareTo(previous.deployedAgo()) >= 0) {
        violation(
            at.index(r).property("deployedAgo"),
            "must be more recent (smaller) than the previous revision's "
                + previous.deployedAgo()
                + ", but was "
                + revision.deployedAgo());
      }
    }
  }

  private void images() {
    Set<String> running = new HashSet<>();
    for (var namespace : scenario.cluster().namespaces()) {
      namespace.deployments().forEach(d -> d.revisions().forEach(r -> running.add(r.image())));
      namespace.statefulSets().forEach(s -> running.add(s.image()));
    }
    for (String image : scenario.images().keySet()) {
      if (!running.contains(image)) {
        violation(
            FieldPath.of("images", image), "no revision or StatefulSet runs this image (a typo?)");
      }
    }
  }

  private void fault() {
    var fault = scenario.fault();
    var deployment = scenario.cluster().deployment(fault.namespace(), fault.deployment());
    if (deployment.isEmpty()) {
      violation(
          FieldPath.of("fault", "deployment"),
          noSuchDeployment(fault.namespace(), fault.deployment()));
      return;
    }
    boolean mutated =
        scenario
            .cluster()
            .namespace(fault.namespace())
            .map(
                n ->
                    n.mutations().stream().anyMatch(m -> m.deployment().equals(fault.deployment())))
            .orElse(false);
    if (fault.kind() == io.backstop.scenario.Fault.Kind.ADMISSION && !mutated) {
      violation(
          FieldPath.of("fault", "kind"),
          "an admission fault needs a mutation of "
              + fault.deployment()
              + " under its namespace's mutations");
    }
    if (fault.kind() == io.backstop.scenario.Fault.Kind.ROTATION
        && !deployment.get().secretEnv().containsValue(fault.secret())) {
      violation(
          FieldPath.of("fault", "secret"),
          "must be a secret "
              + fault.deployment()
              + " reads (its secretEnv names "
              + deployment.get().secretEnv().values()
              + ")");
    }
    boolean laterRollout =
        fault.kind() == io.backstop.scenario.Fault.Kind.ROLLOUT && !fault.presentAtStart();
    if (laterRollout && deployment.get().previousRevision().isEmpty()) {
      violation(
          FieldPath.of("fault", "after"),
          "a rollout after the start needs an earlier revision to run before it, but "
              + fault.deployment()
              + " has one revision");
    }
    if (laterRollout && !deployment.get().currentRevision().deployedAgo().isZero()) {
      violation(
          faultyRevisionPath(fault.namespace(), fault.deployment()).property("deployedAgo"),
          "must be 0s: this revision rolls out at fault.after ("
              + fault.after()
              + "), after the start");
    }
  }

  private FieldPath faultyRevisionPath(String namespace, String deployment) {
    var namespaces = scenario.cluster().namespaces();
    for (int n = 0; n < namespaces.size(); n++) {
      var deployments = namespaces.get(n).deployments();
      for (int d = 0; d < deployments.size(); d++) {
        if (namespaces.get(n).name().equals(namespace)
            && deployments.get(d).name().equals(deployment)) {
          int last = deployments.get(d).revisions().size() - 1;
          return FieldPath.of("cluster", "namespaces", n, "deployments", d, "revisions", last);
        }
      }
    }
    return FieldPath.of("fault");
  }

  private void alert() {
    var alert = scenario.alert();
    if (scenario.cluster().namespace(alert.namespace()).isEmpty()) {
      violation(
          FieldPath.of("alert", "labels", "namespace"),
          "no namespace '" + alert.namespace() + "' in the cluster");
    }
  }

  private void expected() {
    Expected expected = scenario.expected();
    if (expected.action() != null) {
      expectedAction(expected.action(), FieldPath.of("expected", "action"));
    }
    if (!expected.stoppedBy().isEmpty() && !expected.outcome().needsPerson()) {
      violation(
          FieldPath.of("expected", "stoppedBy"),
          "only an escalation or an approval request is stopped by a policy");
    }
    var mentions = expected.mentions();
    for (int i = 0; i < mentions.size(); i++) {
      if (!scenario.cluster().hasWorkload(mentions.get(i))) {
        violation(
            FieldPath.of("expected", "mentions", i),
            "no Deployment or StatefulSet '" + mentions.get(i) + "' in the cluster");
      }
    }
    var untouched = expected.untouched();
    for (int i = 0; i < untouched.size(); i++) {
      if (!scenario.cluster().hasWorkload(untouched.get(i))) {
        violation(
            FieldPath.of("expected", "untouched", i),
            "no Deployment or StatefulSet '" + untouched.get(i) + "' in the cluster");
      }
    }
  }

  private void expectedAction(ExpectedAction action, FieldPath at) {
    var deployment = scenario.cluster().deployment(action.namespace(), action.deployment());
    if (deployment.isEmpty()) {
      violation(
          at.property("deployment"), noSuchDeployment(action.namespace(), action.deployment()));
      return;
    }
    if (action.revision() == null) {
      return;
    }
    var revision = deployment.get().revision(action.revision());
    if (revision.isEmpty()) {
      violation(
          at.property("revision"),
          "no revision " + action.revision() + " in " + action.deployment() + "'s history");
    } else if (action.gitSha() != null && !action.gitSha().equals(revision.get().gitSha())) {
      violation(
          at.property("gitSha"),
          "must be revision " + action.revision() + "'s SHA " + revision.get().gitSha());
    } else if (revision.get().equals(deployment.get().currentRevision())) {
      violation(at.property("revision"), "a rollback cannot go to the current revision");
    }
  }

  private void models() {
    boolean needsHallucination =
        scenario.models().values().stream()
            .map(ModelBehaviour::behaviour)
            .anyMatch(b -> b == ModelBehaviour.Behaviour.HALLUCINATE);
    if (needsHallucination && scenario.diagnoses().hallucinated() == null) {
      violation(
          FieldPath.of("diagnoses", "hallucinated"),
          "is required when a model's behaviour is hallucinate");
    }
    for (Map.Entry<String, ModelBehaviour> model : scenario.models().entrySet()) {
      var behaviour = model.getValue();
      if (behaviour.honestAfter() != null
          && behaviour.behaviour() == ModelBehaviour.Behaviour.HONEST) {
        violation(
            FieldPath.of("models", model.getKey(), "honestAfter"),
            "an honest model is always honest");
      }
    }
  }

  private void unique(Set<String> seen, String name, FieldPath at, String what) {
    if (!seen.add(name)) {
      violation(at, "duplicate " + what + " name '" + name + "'");
    }
  }

  private static String noSuchDeployment(String namespace, String name) {
    return "no Deployment " + namespace + "/" + name + " in the cluster";
  }

  private void violation(FieldPath path, String message) {
    violations.add(new Violation(path, message));
  }
}
