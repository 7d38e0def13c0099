package io.backstop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.safety.Guardrails;
import io.backstop.scenario.DeployedRevision;
import io.backstop.scenario.Deployment;
import io.backstop.scenario.HealthProfile;
import io.backstop.scenario.Namespace;
import io.backstop.scenario.Scenario;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The fleet the two-instance bench drives its breaker with can do that under the shipped policy:
 * more approvable writes in one allowed namespace than the breaker lets through, each on its own
 * Deployment (one write per Deployment settles before the next), none of them one leg of a release
 * train, and the bench's own cluster left as it is beside it.
 */
class FleetBreakerTest {

  private final Scenario fleet = FleetBreaker.fleet();
  private final Guardrails guardrails = Guardrails.load(Optional.empty(), Clock.systemUTC());

  @Test
  void theFleetHasMoreDeploymentsThanTheBreakerAllowsWritesInOneAllowedNamespace() {
    assertThat(fleet.cluster().namespaces()).hasSize(1);
    Namespace namespace = fleet.cluster().namespaces().get(0);
    int limit = guardrails.breakers().settings().maxWrites();

    assertThat(namespace.deployments())
        .as("the limit's writes, the one that trips the breaker, and one that finds it open")
        .hasSizeGreaterThanOrEqualTo(limit + 2);
    assertThat(guardrails.book().settings().allowedNamespaces()).contains(namespace.name());
  }

  @Test
  void eachDeploymentsNewestReleaseCrashLoopsAndTheOneBeforeRanHealthyOnABuildOfItsOwn() {
    List<Deployment> deployments = fleet.cluster().namespaces().get(0).deployments();

    for (Deployment d : deployments) {
      List<DeployedRevision> revisions = d.revisions();
      DeployedRevision newest = revisions.get(revisions.size() - 1);
      DeployedRevision before = revisions.get(revisions.size() - 2);
      assertThat(fleet.profileOf(newest.image()).kind())
          .as(d.name())
          .isEqualTo(HealthProfile.Kind.CRASH_LOOP);
      assertThat(fleet.profileOf(before.image()).kind())
          .as(d.name())
          .isEqualTo(HealthProfile.Kind.HEALTHY);
      assertThat(newest.deployedAgo()).isLessThan(java.time.Duration.ofMinutes(30));
    }
    // one build on several Deployments is a release train, which escalates instead of approving
    assertThat(
            deployments.stream()
                .map(d -> d.revisions().get(d.revisions().size() - 1).gitSha())
                .distinct())
        .hasSize(deployments.size());
  }

  @Test
  void theFleetJoinsTheBenchsClusterWithoutChangingTheBenchsOwnIncident() {
    Scenario bench = Bench.scenario();

    Scenario both = FleetBreaker.withFleet(bench, fleet);

    assertThat(both.cluster().namespaces())
        .extracting(Namespace::name)
        .containsExactly(
            bench.cluster().namespaces().get(0).name(), fleet.cluster().namespaces().get(0).name());
    assertThat(both.images())
        .containsAllEntriesOf(bench.images())
        .containsAllEntriesOf(fleet.images());
    assertThat(both.fault()).isEqualTo(bench.fault());
    assertThat(both.alert()).isEqualTo(bench.alert());
    assertThat(both.diagnoses()).isEqualTo(bench.diagnoses());
    assertThat(both.models()).isEqualTo(bench.models());
  }
}
