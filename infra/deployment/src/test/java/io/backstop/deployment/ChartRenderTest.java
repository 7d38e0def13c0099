package io.backstop.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What every Deployment of the chart runs with, rendered by Helm from a production-like values
 * file.
 */
class ChartRenderTest {

  static final Set<String> COMPONENTS =
      Set.of("triage", "diagnosis", "guardrail", "executor", "escalation");
  static final List<HasMetadata> OBJECTS = Chart.render("external-kafka.yaml");

  @Test
  void everyRenderedObjectParsesAsATypedFabric8ModelObject() {
    assertThat(OBJECTS).hasSizeGreaterThan(20).allMatch(Chart::typed);
    assertThat(OBJECTS)
        .allSatisfy(o -> assertThat(o.getMetadata().getName()).isNotBlank())
        .allSatisfy(
            o ->
                assertThat(o.getMetadata().getLabels())
                    .containsEntry("app.kubernetes.io/part-of", "backstop"));
  }

  @Test
  void rendersOneDeploymentAndOneServicePerComponentWhoseSelectorMatchesItsPods() {
    List<Deployment> deployments = Chart.all(OBJECTS, Deployment.class);
    assertThat(deployments)
        .extracting(ChartRenderTest::component)
        .containsExactlyInAnyOrderElementsOf(COMPONENTS);
    for (Deployment d : deployments) {
      Service service =
          Chart.all(OBJECTS, Service.class).stream()
              .filter(s -> s.getMetadata().getName().equals(d.getMetadata().getName()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no Service for " + d.getMetadata().getName()));
      Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
      assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
      assertThat(podLabels).containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
      int port = container(d).getPorts().get(0).getContainerPort();
      assertThat(service.getSpec().getPorts())
          .singleElement()
          .satisfies(p -> assertThat(p.getPort()).isEqualTo(port))
          .satisfies(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));
    }
  }

  @Test
  void everyPodRunsNonRootOnAReadOnlyRootFilesystemWithoutPrivilegesOrCapabilities() {
    for (Deployment d : Chart.all(OBJECTS, Deployment.class)) {
      PodSpec pod = d.getSpec().getTemplate().getSpec();
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name(d)).isTrue();
      assertThat(pod.getSecurityContext().getRunAsUser()).as(name(d)).isPositive();
      assertThat(pod.getSecurityContext().getSeccompProfile().getType())
          .isEqualTo("RuntimeDefault");
      assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
      assertThat(pod.getContainers()).hasSize(1);
      var sc = container(d).getSecurityContext();
      assertThat(sc.getReadOnlyRootFilesystem()).as(name(d)).isTrue();
      assertThat(sc.getAllowPrivilegeEscalation()).as(name(d)).isFalse();
      assertThat(sc.getPrivileged()).as(name(d)).isFalse();
      assertThat(sc.getCapabilities().getDrop()).as(name(d)).containsExactly("ALL");
      assertThat(sc.getCapabilities().getAdd()).as(name(d)).isNullOrEmpty();
      // The one writable path: /tmp, a size-limited emptyDir.
      assertThat(container(d).getVolumeMounts())
          .filteredOn(m -> !Boolean.TRUE.equals(m.getReadOnly()))
          .extracting(m -> m.getMountPath())
          .containsExactly("/tmp");
      assertThat(pod.getVolumes())
          .filteredOn(v -> v.getName().equals("tmp"))
          .singleElement()
          .satisfies(v -> assertThat(v.getEmptyDir().getSizeLimit()).isNotNull());
    }
  }

  @Test
  void everyContainerHasStartupLivenessAndReadinessProbesAndAMemoryLimit() {
    for (Deployment d : Chart.all(OBJECTS, Deployment.class)) {
      Container c = container(d);
      assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
      assertThat(c.getLivenessProbe().getHttpGet().getPath())
          .isEqualTo("/actuator/health/liveness");
      assertThat(c.getReadinessProbe().getHttpGet().getPath())
          .isEqualTo("/actuator/health/readiness");
      assertThat(c.getResources().getLimits()).as(name(d)).containsKey("memory");
      assertThat(c.getResources().getRequests()).as(name(d)).containsKeys("cpu", "memory");
    }
  }

  @Test
  void onlyTriageAndTheExecutorGetAServiceAccountTokenEachTheirOwn() {
    Map<String, Deployment> byComponent =
        Chart.all(OBJECTS, Deployment.class).stream()
            .collect(Collectors.toMap(ChartRenderTest::component, d -> d));
    for (var e : byComponent.entrySet()) {
      PodSpec pod = e.getValue().getSpec().getTemplate().getSpec();
      boolean cluster = e.getKey().equals("triage") || e.getKey().equals("executor");
      assertThat(pod.getAutomountServiceAccountToken()).as(e.getKey()).isEqualTo(cluster);
      assertThat(pod.getServiceAccountName())
          .as(e.getKey())
          .isEqualTo(cluster ? "backstop-" + e.getKey() : "backstop-no-cluster-access");
    }
    assertThat(Chart.all(OBJECTS, ServiceAccount.class))
        .filteredOn(sa -> sa.getMetadata().getName().equals("backstop-no-cluster-access"))
        .singleElement()
        .satisfies(sa -> assertThat(sa.getAutomountServiceAccountToken()).isFalse());
  }

  @Test
  void triageHasNoApiServerUrlSoItUsesThePodsServiceAccountTokenAndCa() {
    for (Deployment d : Chart.all(OBJECTS, Deployment.class)) {
      assertThat(container(d).getEnv())
          .extracting(EnvVar::getName)
          .noneMatch(
              n -> n.contains("K8S_URL") || n.contains("MASTERURL") || n.contains("K8S_TOKEN"))
          .noneMatch(n -> n.equals("JAVA_TOOL_OPTIONS"));
    }
  }

  @Test
  void everyServiceLogsInToKafkaAsItsOwnPrincipalWithThePasswordFromItsSecret() {
    for (Deployment d : Chart.all(OBJECTS, Deployment.class)) {
      String component = component(d);
      assertThat(env(d, "BACKSTOP_KAFKA_SASL_USERNAME")).contains(component + "-service");
      assertThat(env(d, "SPRING_KAFKA_PROPERTIES_SECURITY_PROTOCOL")).contains("SASL_SSL");
      assertThat(env(d, "SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SECURITY_PROTOCOL"))
          .contains("SASL_SSL");
      EnvVar password = envVar(d, "BACKSTOP_KAFKA_SASL_PASSWORD").orElseThrow();
      assertThat(password.getValue()).isNull();
      assertThat(password.getValueFrom().getSecretKeyRef().getName())
          .isEqualTo("backstop-kafka-" + component);
      assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
    }
  }

  @Test
  void noSecretValueIsRenderedInlineOnlyReferencesToExistingSecrets() {
    for (Deployment d : Chart.all(OBJECTS, Deployment.class)) {
      assertThat(container(d).getEnv())
          .filteredOn(
              e -> e.getName().matches(".*(PASSWORD|TOKEN|API_KEY|ROUTING_KEY|SIGNING_KEY)$"))
          .allSatisfy(e -> assertThat(e.getValue()).as(e.getName()).isNull())
          .allSatisfy(e -> assertThat(e.getValueFrom().getSecretKeyRef()).isNotNull());
    }
  }

  @Test
  void theConsoleIsTheOnlyServiceBehindTheIngressOverTls() {
    Ingress ingress = Chart.all(OBJECTS, Ingress.class).stream().findFirst().orElseThrow();
    assertThat(Chart.all(OBJECTS, Ingress.class)).hasSize(1);
    assertThat(ingress.getSpec().getTls())
        .singleElement()
        .satisfies(t -> assertThat(t.getSecretName()).isEqualTo("backstop-tls"));
    assertThat(ingress.getSpec().getRules())
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.getHttp().getPaths())
                    .allSatisfy(
                        p ->
                            assertThat(p.getBackend().getService().getName())
                                .isEqualTo("backstop-escalation")));
    Deployment escalation =
        Chart.all(OBJECTS, Deployment.class).stream()
            .filter(d -> component(d).equals("escalation"))
            .findFirst()
            .orElseThrow();
    assertThat(env(escalation, "BACKSTOP_CONSOLE_URL")).contains("https://backstop.example.net");
    assertThat(env(escalation, "BACKSTOP_CONSOLE_SECURE_COOKIE")).contains("true");
  }

  static String component(Deployment d) {
    return d.getMetadata().getLabels().get("app.kubernetes.io/component");
  }

  static String name(HasMetadata o) {
    return o.getKind() + "/" + o.getMetadata().getName();
  }

  static Container container(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  static Optional<EnvVar> envVar(Deployment d, String name) {
    return container(d).getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
  }

  static Optional<String> env(Deployment d, String name) {
    return envVar(d, name).map(EnvVar::getValue);
  }
}
