package io.backstop.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The credential split in the rendered chart, per target namespace: triage reads, the executor
 * patches Deployments and their scale and nothing else, the other services hold nothing; no write
 * verb anywhere else, no Secret read, nothing in kube-system.
 */
class ChartRbacTest {

  static final List<HasMetadata> OBJECTS = Chart.render("external-kafka.yaml");
  static final Set<String> READ = Set.of("get", "list", "watch");
  static final Set<String> TARGETS = Set.of("shop", "payments");

  @Test
  void triageHasAReadOnlyRoleInEveryTargetNamespaceAndNowhereElse() {
    List<Role> roles = roles("backstop-triage-read");
    assertThat(roles)
        .extracting(r -> r.getMetadata().getNamespace())
        .containsExactlyInAnyOrderElementsOf(TARGETS);
    for (Role role : roles) {
      assertThat(role.getRules()).allSatisfy(r -> assertThat(READ).containsAll(r.getVerbs()));
      assertThat(resources(role.getRules()))
          .contains("apps/deployments", "/pods", "/pods/log", "/events");
    }
  }

  @Test
  void theExecutorMayPatchOnlyDeploymentsAndTheirScaleInEveryTargetNamespace() {
    List<Role> roles = roles("backstop-executor-write");
    assertThat(roles)
        .extracting(r -> r.getMetadata().getNamespace())
        .containsExactlyInAnyOrderElementsOf(TARGETS);
    for (Role role : roles) {
      List<String> written = new ArrayList<>();
      for (PolicyRule rule : role.getRules()) {
        for (String verb : rule.getVerbs()) {
          if (!READ.contains(verb)) {
            assertThat(verb).as("the executor's only write verb").isEqualTo("patch");
            written.addAll(resources(List.of(rule)));
          }
        }
      }
      assertThat(written).containsExactlyInAnyOrder("apps/deployments", "apps/deployments/scale");
    }
  }

  @Test
  void noRoleOrClusterRoleOutsideTheExecutorsGrantsAnyWriteVerbOrReadsSecrets() {
    List<PolicyRule> rules = new ArrayList<>();
    Chart.all(OBJECTS, Role.class).stream()
        .filter(r -> !r.getMetadata().getName().equals("backstop-executor-write"))
        .forEach(r -> rules.addAll(r.getRules()));
    Chart.all(OBJECTS, ClusterRole.class).forEach(r -> rules.addAll(r.getRules()));
    assertThat(rules).isNotEmpty().allSatisfy(r -> assertThat(READ).containsAll(r.getVerbs()));
    List<PolicyRule> all = new ArrayList<>(rules);
    Chart.all(OBJECTS, Role.class).forEach(r -> all.addAll(r.getRules()));
    assertThat(all)
        .allSatisfy(r -> assertThat(r.getResources()).doesNotContain("secrets", "*", "pods/exec"))
        .allSatisfy(
            r -> assertThat(r.getVerbs()).doesNotContain("*", "escalate", "bind", "impersonate"));
  }

  @Test
  void eachBindingBindsItsRoleToItsOwnServiceAccountOnlyAndNothingBindsTheOthers() {
    for (RoleBinding b : Chart.all(OBJECTS, RoleBinding.class)) {
      String role = b.getRoleRef().getName();
      String account =
          role.equals("backstop-triage-read") ? "backstop-triage" : "backstop-executor";
      assertThat(role).isIn("backstop-triage-read", "backstop-executor-write");
      assertThat(b.getRoleRef().getKind()).isEqualTo("Role");
      assertThat(b.getSubjects()).extracting(Subject::getName).containsExactly(account);
      assertThat(b.getSubjects())
          .extracting(Subject::getNamespace)
          .containsExactly(Chart.NAMESPACE);
    }
    assertThat(Chart.all(OBJECTS, ClusterRoleBinding.class))
        .allSatisfy(
            b ->
                assertThat(b.getSubjects())
                    .extracting(Subject::getName)
                    .containsExactly("backstop-triage"));
    assertThat(OBJECTS)
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isNotEqualTo("kube-system"));
  }

  @Test
  void triageMayListWhatItsClusterReaderAsksFor() {
    for (Role role : roles("backstop-triage-read")) {
      assertThat(resources(role.getRules()))
          .contains(
              "apps/deployments",
              "apps/replicasets",
              "apps/statefulsets",
              "autoscaling/horizontalpodautoscalers",
              "networking.k8s.io/networkpolicies",
              "/persistentvolumeclaims",
              "batch/jobs",
              "/services",
              "/configmaps",
              "metrics.k8s.io/pods")
          .doesNotContain("/secrets");
    }
    ClusterRole nodes =
        Chart.all(OBJECTS, ClusterRole.class).stream()
            .filter(r -> r.getMetadata().getName().equals("backstop-triage-read-nodes"))
            .findFirst()
            .orElseThrow();
    // pods on a node and a node's events are listed across namespaces, by field selector
    assertThat(resources(nodes.getRules()))
        .contains("/nodes", "/pods", "/events", "metrics.k8s.io/nodes");
  }

  @Test
  void secretMetadataIsListedOnlyWhenAskedForAndThenOnlyListed() {
    List<HasMetadata> objects =
        Chart.render(
            List.of(Chart.values("external-kafka.yaml")),
            Map.of("triage.readSecretMetadata", true));
    for (Role role : Chart.all(objects, Role.class)) {
      List<PolicyRule> secretRules =
          role.getRules().stream().filter(r -> r.getResources().contains("secrets")).toList();
      if (role.getMetadata().getName().equals("backstop-triage-read")) {
        assertThat(secretRules)
            .singleElement()
            .satisfies(r -> assertThat(r.getVerbs()).containsExactly("list"));
      } else {
        assertThat(secretRules).isEmpty();
      }
    }
  }

  @Test
  void refusesKubeSystemAsATargetNamespace() {
    assertThat(ChartValuesTest.renderError("targetNamespaces", "{shop,kube-system}"))
        .contains("targetNamespaces");
  }

  private static List<Role> roles(String name) {
    return Chart.all(OBJECTS, Role.class).stream()
        .filter(r -> r.getMetadata().getName().equals(name))
        .toList();
  }

  private static List<String> resources(List<PolicyRule> rules) {
    List<String> out = new ArrayList<>();
    for (PolicyRule r : rules) {
      for (String group : r.getApiGroups()) {
        for (String resource : r.getResources()) {
          out.add(group + "/" + resource);
        }
      }
    }
    return out;
  }
}
