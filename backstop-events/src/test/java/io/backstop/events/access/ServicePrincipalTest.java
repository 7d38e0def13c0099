package io.backstop.events.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServicePrincipalTest {

  /** Rendered for the Helm chart and the docs; regenerate with -Dgolden.update=true. */
  static final Path RENDERED = Path.of("..", "infra", "kafka-access.md");

  @Test
  void onlyTheGuardrailWritesTheActionsTopicAndOnlyTheExecutorReadsIt() {
    assertThat(
            Arrays.stream(ServicePrincipal.values())
                .filter(p -> p.writes().contains(Topics.ACTIONS)))
        .containsExactly(ServicePrincipal.GUARDRAIL);
    assertThat(
            Arrays.stream(ServicePrincipal.values())
                .filter(p -> p.reads().contains(Topics.ACTIONS)))
        .containsExactly(ServicePrincipal.EXECUTOR);
  }

  @Test
  void onlyTheExecutorWritesOutcomesAndItsLedger() {
    assertThat(
            Arrays.stream(ServicePrincipal.values())
                .filter(
                    p ->
                        p.writes().contains(Topics.OUTCOMES)
                            || p.writes().contains(Topics.EXECUTOR_LEDGER)))
        .containsExactly(ServicePrincipal.EXECUTOR);
  }

  @Test
  void everyStageTopicHasItsOwnersAndEveryInputItsConsumer() {
    for (var spec : Topics.all()) {
      String topic = spec.name();
      boolean deadLetterOfNoInput =
          topic.endsWith(Topics.DLQ_SUFFIX)
              && Arrays.stream(ServicePrincipal.values())
                  .noneMatch(
                      p -> p.inputs().stream().anyMatch(in -> Topics.deadLetter(in).equals(topic)));
      if (deadLetterOfNoInput) {
        continue; // nobody consumes its topic, so nobody dead-letters to it
      }
      assertThat(Arrays.stream(ServicePrincipal.values()).anyMatch(p -> p.writes().contains(topic)))
          .as("someone writes " + topic)
          .isTrue();
    }
    for (ServicePrincipal p : ServicePrincipal.values()) {
      assertThat(p.reads()).containsAll(p.inputs());
      p.inputs().forEach(in -> assertThat(p.writes()).contains(Topics.deadLetter(in)));
    }
  }

  @Test
  void escalationReadsTheDeadLetterTwinOfEveryInputAndWritesNone() {
    Set<String> twins = new java.util.TreeSet<>();
    Arrays.stream(ServicePrincipal.values())
        .forEach(p -> p.inputs().forEach(in -> twins.add(Topics.deadLetter(in))));
    assertThat(twins).hasSize(10).contains(Topics.deadLetter(Topics.SIGNALS));
    assertThat(ServicePrincipal.followedDeadLetters()).isEqualTo(twins);
    assertThat(ServicePrincipal.ESCALATION.reads()).containsAll(twins);
    // It follows them and writes none but its own inputs' twins: never a dead letter of a dead
    // letter, never another service's twin.
    assertThat(ServicePrincipal.ESCALATION.writes())
        .filteredOn(t -> t.endsWith(Topics.DLQ_SUFFIX))
        .containsExactlyInAnyOrder(
            Topics.deadLetter(Topics.ESCALATIONS),
            Topics.deadLetter(Topics.OUTCOMES),
            Topics.deadLetter(Topics.APPROVALS));
    Arrays.stream(ServicePrincipal.values())
        .filter(p -> p != ServicePrincipal.ESCALATION)
        .forEach(
            p -> assertThat(p.reads()).as(p.user()).noneMatch(t -> t.endsWith(Topics.DLQ_SUFFIX)));
  }

  @Test
  void theRenderedTableIsUpToDate() throws IOException {
    String rendered =
        "# Kafka principals and ACLs\n\n"
            + "Generated from `io.backstop.events.access.ServicePrincipal` (the one table the local"
            + " broker's ACLs and a deployment's ACLs are made from). Each principal also holds"
            + " READ on its consumer group and WRITE, DESCRIBE on its transactional ids; everything"
            + " else is denied (`allow.everyone.if.no.acl.found=false`). The stack's administrator"
            + " (`User:backstop-admin`) is the one super user: it creates topics, users and ACLs.\n\n"
            + ServicePrincipal.markdown();
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(RENDERED, rendered, StandardCharsets.UTF_8);
    }
    assertThat(rendered).isEqualTo(Files.readString(RENDERED, StandardCharsets.UTF_8));
  }
}
