package io.backstop.triage.evidence;

import static io.backstop.triage.kubernetes.PromoCluster.CART;
import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.SignalsGathered;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.signal.EvidenceKind;
import io.backstop.events.signal.NetworkPolicyChange;
import io.backstop.triage.kubernetes.PromoCluster;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyListBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The NetworkPolicies that select the alerted workload's pods and changed recently, read through
 * the real read-only adapter from the fabric8 mock server: a default-deny egress policy a release
 * created that forgets DNS, one that allows it, one for other pods, and one written long ago.
 */
@EnableKubernetesMockClient(crud = true)
class NetworkPolicyGatheringTest {

  KubernetesMockServer server;
  KubernetesClient client;

  @BeforeEach
  void cluster() {
    PromoCluster.write(server, client);
  }

  SignalsGathered gather() {
    return Gatherings.from(client).gather(BeyondTheAlertTest.alertOn(CART.name()));
  }

  final List<NetworkPolicy> policies = new ArrayList<>();

  /**
   * Served as the namespace's list exactly as written: the mock's CRUD store would stamp its own
   * creation and managedFields times.
   */
  void serve() {
    server
        .expect()
        .get()
        .withPath("/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies")
        .andReturn(200, new NetworkPolicyListBuilder().withItems(policies).build())
        .always();
  }

  void policy(String name, Map<String, String> selects, Duration ago, int... egressPorts) {
    String at = Fixtures.NOW.minus(ago).toString();
    NetworkPolicy p =
        new NetworkPolicyBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("shop")
            .withCreationTimestamp(at)
            .withGeneration(1L)
            .withManagedFields(
                new ManagedFieldsEntryBuilder()
                    .withManager("helm")
                    .withOperation("Update")
                    .withTime(at)
                    .build())
            .endMetadata()
            .withNewSpec()
            .withNewPodSelector()
            .withMatchLabels(selects)
            .endPodSelector()
            .withPolicyTypes("Egress")
            .addNewEgress()
            .withPorts(
                Arrays.stream(egressPorts)
                    .mapToObj(
                        port ->
                            new NetworkPolicyPortBuilder()
                                .withProtocol(port == 53 ? "UDP" : "TCP")
                                .withPort(new IntOrString(port))
                                .build())
                    .toList())
            .endEgress()
            .endSpec()
            .build();
    policies.add(p);
  }

  @Test
  void aNewEgressPolicySelectingThePodsWithoutDnsIsAFindingWithEvidence() {
    policy("cart-egress", Map.of("app", "cart"), Duration.ofMinutes(17), 443, 587);

    serve();
    SignalsGathered s = gather();

    NetworkPolicyChange found =
        s.findings().networkPoliciesOf(CART).stream().findFirst().orElseThrow();
    assertThat(found.name()).isEqualTo("cart-egress");
    assertThat(found.changedAt()).isEqualTo(Fixtures.NOW.minus(Duration.ofMinutes(17)));
    assertThat(found.changedBy()).isEqualTo("helm");
    assertThat(found.generation()).isEqualTo(1);
    assertThat(found.restrictsEgress()).isTrue();
    assertThat(found.allowsDns()).isFalse();
    assertThat(found.blocksDns()).isTrue();
    var item = s.evidence(found.evidence()).orElseThrow();
    assertThat(item.kind()).isEqualTo(EvidenceKind.CONFIG);
    assertThat(item.subject()).isEqualTo("networkpolicy/cart-egress");
    assertThat(item.text())
        .contains("selects the pods of shop/cart")
        .contains("by helm")
        .contains("no egress rule lets DNS (port 53) out");
  }

  @Test
  void aPolicyThatLetsDnsOutIsRecordedAsAllowingIt() {
    policy("cart-egress", Map.of("app", "cart"), Duration.ofMinutes(17), 53, 443);
    serve();

    NetworkPolicyChange found =
        gather().findings().networkPoliciesOf(CART).stream().findFirst().orElseThrow();

    assertThat(found.allowsDns()).isTrue();
    assertThat(found.blocksDns()).isFalse();
  }

  @Test
  void aPolicyForOtherPodsOrWrittenLongAgoIsNoFinding() {
    policy("search-egress", Map.of("app", "search"), Duration.ofMinutes(17), 443);
    policy("cart-old", Map.of("app", "cart"), Duration.ofDays(30), 443);
    serve();

    assertThat(gather().findings().networkPolicies()).isEmpty();
  }
}
