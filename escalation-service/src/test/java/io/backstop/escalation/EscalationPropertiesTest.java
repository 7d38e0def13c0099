package io.backstop.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class EscalationPropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(EscalationProperties.class)
  static class PropertiesOnly {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
          .withUserConfiguration(PropertiesOnly.class)
          .withPropertyValues(
              "backstop.escalation.audit-read-timeout=5s",
              "backstop.escalation.pager.url=http://127.0.0.1:8091",
              "backstop.escalation.pager.routing-key=R",
              "backstop.escalation.pager.source=backstop",
              "backstop.escalation.pager.request-timeout=5s",
              "backstop.escalation.pager.retry.max-attempts=5",
              "backstop.escalation.pager.retry.initial-backoff=200ms",
              "backstop.escalation.pager.retry.max-backoff=5s",
              "backstop.escalation.pager.retry.max-retry-after=10s",
              "backstop.escalation.ticket.url=http://127.0.0.1:8092/mcp",
              "backstop.escalation.ticket.token=t",
              "backstop.escalation.ticket.request-timeout=5s",
              "backstop.escalation.ticket.retry.max-attempts=3",
              "backstop.escalation.ticket.retry.initial-backoff=200ms",
              "backstop.escalation.ticket.retry.max-backoff=5s",
              "backstop.escalation.ticket.retry.max-retry-after=10s",
              "backstop.escalation.ticket.create-tool=jira_create_issue",
              "backstop.escalation.ticket.update-tool=jira_add_comment",
              "backstop.escalation.ticket.create-arguments.title=summary",
              "backstop.escalation.ticket.static-arguments.project_key=OPS",
              "backstop.escalation.ticket.ref-field=issue.key");

  @Test
  void bindsAValidConfigurationWithToolMappingAndStaticArguments() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          EscalationProperties props = context.getBean(EscalationProperties.class);
          assertThat(props.ticket().createArguments()).containsEntry("title", "summary");
          assertThat(props.ticket().staticArguments()).containsEntry("project_key", "OPS");
          assertThat(props.pager().retry().maxAttempts()).isEqualTo(5);
        });
  }

  @Test
  void rejectsABlankRoutingKeyNamingIt() {
    runner
        .withPropertyValues("backstop.escalation.pager.routing-key= ")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("pager.routing-key must not be blank, but was ''"));
  }

  @Test
  void rejectsRetryAttemptsOutOfBoundsNamingTheValue() {
    runner
        .withPropertyValues("backstop.escalation.pager.retry.max-attempts=0")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining(
                        "retry.max-attempts must be between 1 and 10, but was 0"));
  }

  @Test
  void theDeliveryLedgerKeeps20000IncidentsUnlessToldAndNeverFewerThanOne() {
    runner.run(
        context ->
            assertThat(context.getBean(EscalationProperties.class).ledgerMaxIncidents())
                .isEqualTo(DeliveryLedger.DEFAULT_MAX_INCIDENTS)
                .isEqualTo(20_000));
    runner
        .withPropertyValues("backstop.escalation.ledger-max-incidents=500")
        .run(
            context ->
                assertThat(context.getBean(EscalationProperties.class).ledgerMaxIncidents())
                    .isEqualTo(500));
    runner
        .withPropertyValues("backstop.escalation.ledger-max-incidents=0")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("ledger-max-incidents must be at least 1, but was 0"));
  }
}
