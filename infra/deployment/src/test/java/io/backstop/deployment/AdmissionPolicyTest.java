package io.backstop.deployment;

import static io.backstop.deployment.AdmissionRequests.EXECUTOR;
import static io.backstop.deployment.AdmissionRequests.annotations;
import static io.backstop.deployment.AdmissionRequests.container;
import static io.backstop.deployment.AdmissionRequests.deployment;
import static io.backstop.deployment.AdmissionRequests.labels;
import static io.backstop.deployment.AdmissionRequests.map;
import static io.backstop.deployment.AdmissionRequests.other;
import static io.backstop.deployment.AdmissionRequests.patchDeployment;
import static io.backstop.deployment.AdmissionRequests.patchProtectedDeployment;
import static io.backstop.deployment.AdmissionRequests.podSpec;
import static io.backstop.deployment.AdmissionRequests.scaleDeployment;
import static io.backstop.deployment.AdmissionRequests.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.deployment.AdmissionPolicy.Decision;
import io.backstop.deployment.AdmissionRequests.Request;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart's ValidatingAdmissionPolicy, rendered by Helm (target namespaces shop and payments,
 * replicas 1..50, at most x3+1 per scale), evaluated with CEL against admission requests the
 * executor's service account could send: what Backstop writes is admitted, everything else is
 * refused by the API server even if every gate above it failed.
 */
class AdmissionPolicyTest {

  static final List<io.fabric8.kubernetes.api.model.HasMetadata> OBJECTS =
      Chart.render("external-kafka.yaml");
  static final ValidatingAdmissionPolicy POLICY =
      Chart.all(OBJECTS, ValidatingAdmissionPolicy.class).get(0);
  static final AdmissionPolicy CEL = new AdmissionPolicy(POLICY);

  static Stream<Arguments> admitted() {
    return Stream.of(
        row(
            "rollback: the pod template back to an earlier image",
            patchDeployment("shop", d -> container(d).put("image", "shop/checkout:9f1c2aa"))),
        row(
            "restart: kubectl's restartedAt in the pod template",
            patchDeployment(
                "payments",
                d ->
                    annotations(map(d, "spec", "template"))
                        .put("kubectl.kubernetes.io/restartedAt", "2026-12-04T09:00:00Z"))),
        row(
            "Backstop marks the Deployment with its action and incident",
            patchDeployment(
                "shop",
                d -> {
                  annotations(d).put("backstop.io/action-id", "a-1");
                  annotations(d).put("backstop.io/incident-id", "i-1");
                })),
        row(
            "a revert: template back and backstop.io/revert-of added",
            patchDeployment(
                "shop",
                d -> {
                  container(d).put("image", "shop/checkout:4be8d2f0");
                  annotations(d).put("backstop.io/revert-of", "a-1");
                })),
        row("a rollback of a Deployment with no annotations or labels at all", bare()),
        row("scale 3 -> 5 through the scale subresource", scaleDeployment("shop", 3, 5)),
        row("scale 3 -> 1, the minimum", scaleDeployment("payments", 3, 1)),
        row("scale 2 -> 7, the most one step may add (x3+1)", scaleDeployment("shop", 2, 7)));
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        row(
            "delete a Deployment",
            other("DELETE", "apps", "deployments", "", "shop", null, deployment("shop")),
            "only patch"),
        row(
            "create a Deployment",
            other("CREATE", "apps", "deployments", "", "shop", deployment("shop"), null),
            "only patch"),
        row(
            "patch a StatefulSet",
            other(
                "UPDATE",
                "apps",
                "statefulsets",
                "",
                "shop",
                deployment("shop"),
                deployment("shop")),
            "only Deployments"),
        row(
            "patch a Secret",
            other("UPDATE", "", "secrets", "", "shop", Map.of(), Map.of()),
            "only Deployments"),
        row(
            "exec into a pod",
            other("CONNECT", "", "pods", "exec", "shop", null, null),
            "only Deployments"),
        row(
            "write a Deployment's status",
            other(
                "UPDATE",
                "apps",
                "deployments",
                "status",
                "shop",
                deployment("shop"),
                deployment("shop")),
            "only Deployments"),
        row(
            "patch a Deployment in kube-system",
            patchDeployment("kube-system", d -> container(d).put("image", "x")),
            "may act only in"),
        row(
            "patch a Deployment outside the target namespaces",
            patchDeployment("default", d -> container(d).put("image", "x")),
            "may act only in"),
        row(
            "roll back a Deployment labelled protected",
            patchProtectedDeployment(d -> container(d).put("image", "x")),
            "protected"),
        row(
            "remove the protected label, then roll back",
            patchProtectedDeployment(
                d -> {
                  labels(d).remove("backstop.io/protected");
                  container(d).put("image", "x");
                }),
            "protected"),
        row(
            "add a label",
            patchDeployment("shop", d -> labels(d).put("backstop.io/protected", "false")),
            "labels"),
        row(
            "change an annotation that is not Backstop's",
            patchDeployment(
                "shop", d -> annotations(d).put("deployment.kubernetes.io/revision", "2")),
            "annotations"),
        row(
            "remove an annotation that is not Backstop's",
            patchDeployment(
                "shop", d -> annotations(d).remove("deployment.kubernetes.io/revision")),
            "annotations"),
        row(
            "set replicas on the Deployment itself",
            patchDeployment("shop", d -> spec(d).put("replicas", 30L)),
            "scale subresource"),
        row(
            "change the selector",
            patchDeployment(
                "shop", d -> map(d, "spec", "selector", "matchLabels").put("app", "all")),
            "only the pod template"),
        row(
            "change the rollout strategy",
            patchDeployment("shop", d -> map(d, "spec", "strategy").put("type", "Recreate")),
            "only the pod template"),
        row(
            "pause the rollout",
            patchDeployment("shop", d -> spec(d).put("paused", true)),
            "only the pod template"),
        row(
            "switch the pod's service account",
            patchDeployment("shop", d -> podSpec(d).put("serviceAccountName", "admin")),
            "service account"),
        row(
            "turn on host networking",
            patchDeployment("shop", d -> podSpec(d).put("hostNetwork", true)),
            "host"),
        row(
            "turn on the host PID namespace",
            patchDeployment("shop", d -> podSpec(d).put("hostPID", true)),
            "host"),
        row("scale to 0", scaleDeployment("shop", 3, 0), "out of bounds"),
        row("scale past the maximum (3 -> 51)", scaleDeployment("shop", 3, 51), "out of bounds"),
        row(
            "scale more than x3+1 in one step (2 -> 8)",
            scaleDeployment("shop", 2, 8),
            "out of bounds"),
        row("scale in kube-system", scaleDeployment("kube-system", 3, 4), "may act only in"),
        row(
            "scale a Deployment on the protected list (its Scale has no labels)",
            AdmissionRequests.named(scaleDeployment("payments", 3, 4), "ledger"),
            "protected list"),
        row(
            "roll back a Deployment on the protected list",
            AdmissionRequests.named(
                patchDeployment("payments", d -> container(d).put("image", "x")), "ledger"),
            "protected list"));
  }

  @ParameterizedTest(name = "admits: {0}")
  @MethodSource("admitted")
  void admitsWhatBackstopWrites(String name, Request r, String unused) {
    assertThat(CEL.admit(r.request(), r.object(), r.oldObject()))
        .isEqualTo(new Decision.Admitted());
  }

  @ParameterizedTest(name = "refuses: {0}")
  @MethodSource("refused")
  void refusesEverythingElseTheExecutorCouldSend(String name, Request r, String reason) {
    assertThat(CEL.admit(r.request(), r.object(), r.oldObject()))
        .isInstanceOfSatisfying(
            Decision.Refused.class, d -> assertThat(d.message()).contains(reason));
  }

  @Test
  void appliesOnlyToTheExecutorsServiceAccount() {
    Request byTriage =
        patchDeployment(
            "system:serviceaccount:backstop:backstop-triage",
            "shop",
            d -> spec(d).put("replicas", 30L));
    Request byAPerson = patchDeployment("alice@example.com", "kube-system", d -> labels(d).clear());
    assertThat(CEL.admit(byTriage.request(), byTriage.object(), byTriage.oldObject()))
        .isInstanceOf(Decision.NotMatched.class);
    assertThat(CEL.admit(byAPerson.request(), byAPerson.object(), byAPerson.oldObject()))
        .isInstanceOf(Decision.NotMatched.class);
    assertThat(POLICY.getSpec().getMatchConditions().get(0).getExpression()).contains(EXECUTOR);
  }

  @Test
  void failsClosedAnErrorInAnExpressionRefusesTheRequest() {
    assertThat(POLICY.getSpec().getFailurePolicy()).isEqualTo("Fail");
    // A Deployment update whose old object lacks a spec: the expressions cannot be evaluated.
    Map<String, Object> broken = deployment("shop");
    broken.remove("spec");
    Request r = other("UPDATE", "apps", "deployments", "", "shop", deployment("shop"), broken);
    assertThat(CEL.admit(r.request(), r.object(), r.oldObject()))
        .isInstanceOf(Decision.Refused.class);
  }

  @Test
  void theBindingEnforcesThePolicyByDenying() {
    ValidatingAdmissionPolicyBinding binding =
        Chart.all(OBJECTS, ValidatingAdmissionPolicyBinding.class).get(0);
    assertThat(binding.getSpec().getPolicyName()).isEqualTo(POLICY.getMetadata().getName());
    assertThat(binding.getSpec().getValidationActions()).containsExactly("Deny");
    assertThat(POLICY.getSpec().getMatchConstraints().getResourceRules())
        .singleElement()
        .satisfies(r -> assertThat(r.getResources()).containsExactlyInAnyOrder("*", "*/*"))
        .satisfies(
            r -> assertThat(r.getOperations()).contains("CREATE", "UPDATE", "DELETE", "CONNECT"));
  }

  @Test
  void withDefaultValuesThePolicyCompilesAndAdmitsARollback() {
    ValidatingAdmissionPolicy defaults =
        Chart.all(Chart.render("strimzi.yaml"), ValidatingAdmissionPolicy.class).get(0);
    Request r = patchDeployment("shop", d -> container(d).put("image", "shop/checkout:9f1c2aa"));
    assertThat(new AdmissionPolicy(defaults).admit(r.request(), r.object(), r.oldObject()))
        .isEqualTo(new Decision.Admitted());
  }

  @Test
  void testsAtLeastTwentyAdmissionRequests() {
    assertThat(admitted().count() + refused().count()).isGreaterThanOrEqualTo(20);
  }

  private static Request bare() {
    Map<String, Object> before = deployment("shop");
    map(before, "metadata").remove("labels");
    map(before, "metadata").remove("annotations");
    Map<String, Object> after = AdmissionRequests.copy(before);
    container(after).put("image", "shop/checkout:9f1c2aa");
    return new Request(
        AdmissionRequests.request(EXECUTOR, "UPDATE", "apps", "deployments", "", "shop"),
        after,
        before);
  }

  private static Arguments row(String name, Request r) {
    return Arguments.of(name, r, "");
  }

  private static Arguments row(String name, Request r, String reason) {
    return Arguments.of(name, r, reason);
  }
}
