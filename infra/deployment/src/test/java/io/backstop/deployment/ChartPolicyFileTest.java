package io.backstop.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The guardrail and the executor judge by one policy file. The shipped one allows writes only in
 * its namespaces.allowed, so the chart refuses target namespaces outside it unless a policy file of
 * the operator's own is given, and then mounts it into both.
 */
class ChartPolicyFileTest {

  static final Path ROOT = Chart.dir().resolve("../..").normalize();

  @Test
  void refusesTargetNamespacesTheShippedPolicyWouldDenyWithoutAPolicyFileOfYourOwn() {
    Throwable error =
        catchThrowable(
            () ->
                Chart.template(
                    List.of(Chart.values("external-kafka.yaml")),
                    Map.of("policy.existingConfigMap", "")));
    assertThat(error)
        .hasMessageContaining("targetNamespaces has payments")
        .hasMessageContaining("policy.existingConfigMap");
  }

  @Test
  void theGuardrailAndTheExecutorBothJudgeByTheGivenPolicyFile() {
    List<HasMetadata> objects = Chart.render("external-kafka.yaml");
    for (Deployment d : Chart.all(objects, Deployment.class)) {
      String component = ChartRenderTest.component(d);
      boolean judges = component.equals("guardrail") || component.equals("executor");
      var pod = d.getSpec().getTemplate().getSpec();
      assertThat(pod.getVolumes())
          .as(component)
          .filteredOn(v -> v.getConfigMap() != null)
          .extracting(v -> v.getConfigMap().getName())
          .isEqualTo(judges ? List.of("backstop-policy") : List.of());
      List<String> files =
          ChartRenderTest.container(d).getEnv().stream()
              .filter(e -> e.getName().endsWith("POLICY_FILE"))
              .map(EnvVar::getValue)
              .toList();
      assertThat(files)
          .as(component)
          .isEqualTo(judges ? List.of("/etc/backstop/policy/policies.yaml") : List.of());
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theChartKnowsWhatTheShippedPolicyFileAllows() throws IOException {
    Map<String, Object> shipped =
        new Yaml()
            .load(
                Files.readString(
                    ROOT.resolve(
                        "backstop-safety/src/main/resources/io/backstop/safety/policies.yaml")));
    Map<String, Object> settings = (Map<String, Object>) shipped.get("settings");
    Object allowed = ((Map<String, Object>) settings.get("namespaces")).get("allowed");
    Map<String, Object> values =
        new Yaml().load(Files.readString(Chart.dir().resolve("values.yaml")));
    Object known = ((Map<String, Object>) values.get("policy")).get("shippedAllowedNamespaces");
    assertThat(known).isEqualTo(allowed);
  }
}
