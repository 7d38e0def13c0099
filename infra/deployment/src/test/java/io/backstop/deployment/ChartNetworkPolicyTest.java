package io.backstop.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * NetworkPolicies in the rendered chart: every Backstop pod is denied by default in and out, and
 * each service may reach only what it must. The test values give the API server and Kafka their own
 * CIDRs so the test can tell who may reach them.
 */
class ChartNetworkPolicyTest {

  static final List<HasMetadata> OBJECTS = Chart.render("external-kafka.yaml");
  static final String API_SERVER = "10.96.0.1/32";
  static final String KAFKA = "10.20.0.0/24";

  @Test
  void aDefaultDenySelectsEveryBackstopPodForIngressAndEgress() {
    NetworkPolicy deny = policy("backstop-default-deny");
    assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
    assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
    assertThat(deny.getSpec().getEgress()).isNullOrEmpty();
    for (Deployment d : Chart.all(OBJECTS, Deployment.class)) {
      assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
          .containsAllEntriesOf(deny.getSpec().getPodSelector().getMatchLabels());
    }
  }

  @Test
  void eachServiceHasExactlyOnePolicyOfItsOwn() {
    for (Deployment d : Chart.all(OBJECTS, Deployment.class)) {
      Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
      assertThat(Chart.all(OBJECTS, NetworkPolicy.class))
          .filteredOn(p -> !p.getMetadata().getName().equals("backstop-default-deny"))
          .filteredOn(
              p ->
                  labels
                      .entrySet()
                      .containsAll(p.getSpec().getPodSelector().getMatchLabels().entrySet()))
          .as(d.getMetadata().getName())
          .singleElement();
    }
  }

  @Test
  void onlyTriageAndTheExecutorMayReachTheKubernetesApi() {
    for (String component : ChartRenderTest.COMPONENTS) {
      boolean reaches = egressCidrs(component).contains(API_SERVER);
      assertThat(reaches)
          .as(component)
          .isEqualTo(component.equals("triage") || component.equals("executor"));
    }
  }

  @Test
  void everyServiceReachesKafkaAndDnsAndNothingOpenBeyondItsOwnPeers() {
    for (String component : ChartRenderTest.COMPONENTS) {
      assertThat(egressCidrs(component)).as(component).contains(KAFKA);
      assertThat(egress(component))
          .as(component)
          .anySatisfy(
              r ->
                  assertThat(r.getPorts())
                      .anySatisfy(p -> assertThat(p.getPort().getIntVal()).isEqualTo(53)));
    }
    // 0.0.0.0/0 only where the peer is outside the cluster by nature: the model gateway, the pager.
    for (String component : List.of("triage", "guardrail", "executor")) {
      assertThat(egressCidrs(component)).as(component).doesNotContain("0.0.0.0/0");
    }
    assertThat(egressCidrs("diagnosis")).contains("0.0.0.0/0");
    assertThat(egressCidrs("escalation")).contains("0.0.0.0/0");
  }

  @Test
  void onlyEscalationMayCallTheGuardrailsAdminApiAndOnlyTheConsolesClientsReachEscalation() {
    List<NetworkPolicyPeer> guardrailFrom = ingressPeers("guardrail");
    assertThat(guardrailFrom)
        .filteredOn(p -> p.getPodSelector() != null && p.getNamespaceSelector() == null)
        .extracting(p -> p.getPodSelector().getMatchLabels().get("app.kubernetes.io/component"))
        .containsExactly("escalation");
    assertThat(ingressPeers("escalation"))
        .anySatisfy(
            p ->
                assertThat(p.getNamespaceSelector().getMatchLabels())
                    .containsEntry("kubernetes.io/metadata.name", "ingress-nginx"));
    for (String component : List.of("diagnosis", "executor")) {
      assertThat(ingressPeers(component))
          .as("%s is reached only by the scrapers", component)
          .allSatisfy(
              p ->
                  assertThat(p.getNamespaceSelector().getMatchLabels())
                      .containsEntry("kubernetes.io/metadata.name", "monitoring"));
    }
  }

  private static NetworkPolicy policy(String name) {
    return Chart.all(OBJECTS, NetworkPolicy.class).stream()
        .filter(p -> p.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no NetworkPolicy " + name));
  }

  private static List<NetworkPolicyEgressRule> egress(String component) {
    return policy("backstop-" + component).getSpec().getEgress();
  }

  private static List<String> egressCidrs(String component) {
    return egress(component).stream()
        .flatMap(r -> r.getTo().stream())
        .map(NetworkPolicyPeer::getIpBlock)
        .filter(Objects::nonNull)
        .map(b -> b.getCidr())
        .toList();
  }

  private static List<NetworkPolicyPeer> ingressPeers(String component) {
    return policy("backstop-" + component).getSpec().getIngress().stream()
        .map(NetworkPolicyIngressRule::getFrom)
        .flatMap(List::stream)
        .toList();
  }
}
