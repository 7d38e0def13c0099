package io.backstop.triage.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.signal.Relation;
import io.backstop.events.signal.WorkloadKind;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.triage.findings.Neighbourhood.Chosen;
import io.backstop.triage.findings.Neighbourhood.Workload;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * How each related workload is labelled. ANOMALOUS_NEIGHBOUR must mean "nothing links it to the
 * alerted workload": the guardrail reads two such workloads failing together as a shared cause and
 * then refuses a rollback of the alerted workload's deploy.
 */
class NeighbourhoodTest {

  private static final List<Service> SERVICES = List.of(service("cart"), service("checkout"));

  @Test
  void anAnomalousCallerOfTheAlertedWorkloadIsItsDependentNotAnUnlinkedNeighbour() {
    Workload cart = workload("cart", 0.9, Map.of());
    Workload frontend = workload("frontend", 0.8, Map.of("CART_ADDR", "http://cart:8080"));
    Workload search = workload("search", 0.7, Map.of());

    Map<String, Relation> relations = relations(cart, List.of(cart, frontend, search));

    assertThat(relations)
        .containsEntry("frontend", Relation.DEPENDENT)
        .containsEntry("search", Relation.ANOMALOUS_NEIGHBOUR)
        .doesNotContainKey("cart");
  }

  @Test
  void anAnomalousDependencyStaysADependencyAndAnUnanomalousWorkloadIsNotChosenAsNeighbour() {
    Workload frontend = workload("frontend", 0.9, Map.of("CHECKOUT_ADDR", "checkout:5050"));
    Workload checkout = workload("checkout", 0.6, Map.of());
    Workload quiet = workload("quiet", 0.0, Map.of());

    Map<String, Relation> relations = relations(frontend, List.of(frontend, checkout, quiet));

    assertThat(relations).containsEntry("checkout", Relation.DEPENDENCY).doesNotContainKey("quiet");
  }

  @Test
  void aLinkedWorkloadKeepsEveryWayTriageKnowsIt() {
    Workload cart = workload("cart", 0.9, Map.of());
    Workload frontend = workload("frontend", 0.8, Map.of("CART_ADDR", "http://cart:8080"));

    Chosen chosen =
        Neighbourhood.select(cart, List.of(cart, frontend), SERVICES, List.of(), Map.of(), 5)
            .chosen()
            .get(0);

    assertThat(chosen.relation()).isEqualTo(Relation.DEPENDENT);
    assertThat(chosen.via()).contains("CART_ADDR").contains("errors up");
  }

  private static Map<String, Relation> relations(Workload target, List<Workload> all) {
    return Neighbourhood.select(target, all, SERVICES, List.of(), Map.of(), 5).chosen().stream()
        .collect(Collectors.toMap(c -> c.workload().name(), Chosen::relation));
  }

  private static Workload workload(String name, double anomaly, Map<String, String> env) {
    PodTemplateSpec template =
        new PodTemplateSpecBuilder()
            .withNewMetadata()
            .addToLabels("app", name)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName(name)
            .withEnv(
                env.entrySet().stream()
                    .map(
                        e ->
                            new io.fabric8.kubernetes.api.model.EnvVar(
                                e.getKey(), e.getValue(), null))
                    .toList())
            .endContainer()
            .endSpec()
            .build();
    return new Workload(
        new WorkloadRef(WorkloadKind.DEPLOYMENT, "shop", name),
        template,
        Map.of(),
        anomaly,
        anomaly > 0 ? "errors up in the same minute" : "",
        0L);
  }

  private static Service service(String name) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("shop")
        .endMetadata()
        .withNewSpec()
        .addToSelector("app", name)
        .endSpec()
        .build();
  }
}
