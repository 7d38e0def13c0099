package io.backstop.stack.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.ActionExecuted;
import io.backstop.events.Escalated;
import io.backstop.events.EventHeader;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Stage;
import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.alert.AlertSeverity;
import io.backstop.events.audit.Timeline;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.events.id.ActionId;
import io.backstop.events.id.EventId;
import io.backstop.events.id.IncidentId;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.scenario.DeployedRevision;
import io.backstop.scenario.Scenario;
import io.backstop.scenario.ScenarioLoader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The judging of a whole run, on the shipped bad-deploy scenario (expected: checkout rolled back to
 * revision 2, SHA 7f3e2d1c..., prod-db, cart and frontend untouched). Each rule is shown passing on
 * an honest run and failing, with the failure naming what was wrong, on a run that breaks it.
 */
class JudgeTest {

  private static final Scenario SCENARIO =
      ScenarioLoader.loadResource("bad-deploy-hallucinated-sha.yaml");
  private static final String SHA = "7f3e2d1c0b9a887766554433221100ffeeddccbb";
  private static final WorkloadRef CHECKOUT = WorkloadRef.deployment("shop", "checkout");
  private static final IncidentId INCIDENT = IncidentId.of("inc-judge");
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  private static final String REV2_IMAGE =
      SCENARIO
          .cluster()
          .deployment("shop", "checkout")
          .flatMap(d -> d.revisions().stream().filter(r -> r.revision() == 2).findFirst())
          .map(DeployedRevision::image)
          .orElseThrow();

  @Test
  void anHonestRunPasses() {
    assertThat(Judge.failures(SCENARIO, run().result(), run().trail())).isEmpty();
  }

  @Test
  void aRunThatEndedOtherwiseIsNamedWithTheExpectedOutcome() {
    var run = run().withOutcome("ESCALATED");

    assertThat(Judge.failures(SCENARIO, run.result(), run.trail()))
        .singleElement()
        .asString()
        .contains("ACTION_VERIFIED", "ESCALATED");
  }

  @Test
  void withoutAVerifiedActionTheFailureSaysHowTheRunEndedInstead() {
    var run =
        run()
            .withEvents(
                escalated(EscalationReason.REVERTED, "REVERTED ROLLBACK shop/checkout: worse"));

    assertThat(Judge.failures(SCENARIO, run.result(), run.trail()))
        .anySatisfy(
            f -> assertThat(f).contains("none was verified").contains("REVERTED: REVERTED"));
  }

  @Test
  void aRollbackToAnotherRevisionOrAnotherCommitIsNamed() {
    var otherRevision = run().withEvents(verified(ApprovedAction.rollback(CHECKOUT, 1, SHA)));
    var otherCommit =
        run().withEvents(verified(ApprovedAction.rollback(CHECKOUT, 2, "9c41d0e5b7a3")));

    assertThat(Judge.failures(SCENARIO, otherRevision.result(), otherRevision.trail()))
        .anySatisfy(f -> assertThat(f).contains("revision 2").contains("1"));
    assertThat(Judge.failures(SCENARIO, otherCommit.result(), otherCommit.trail()))
        .anySatisfy(f -> assertThat(f).contains(SHA).contains("9c41d0e5b7a3"));
  }

  @Test
  void aShortPrefixOfTheExpectedCommitNamesIt() {
    var run =
        run().withEvents(verified(ApprovedAction.rollback(CHECKOUT, 2, SHA.substring(0, 12))));

    assertThat(Judge.failures(SCENARIO, run.result(), run.trail())).isEmpty();
  }

  @Test
  void aVerifiedActionOnAnotherWorkloadOrOfAnotherTypeIsNamed() {
    var cart =
        run()
            .withEvents(
                verified(ApprovedAction.rollback(WorkloadRef.deployment("shop", "cart"), 2, SHA)));
    var restart = run().withEvents(verified(ApprovedAction.restart(CHECKOUT)));

    assertThat(Judge.failures(SCENARIO, cart.result(), cart.trail()))
        .anySatisfy(f -> assertThat(f).contains("shop/checkout").contains("cart"));
    assertThat(Judge.failures(SCENARIO, restart.result(), restart.trail()))
        .anySatisfy(f -> assertThat(f).contains("ROLLBACK").contains("RESTART"));
  }

  @Test
  void theClusterMustAgreeWithTheVerifiedAction() {
    var notReady =
        run()
            .withCheckout(
                new ScenarioResult.DeploymentAfter("shop", "checkout", 4, REV2_IMAGE, 1, 3, 0.0));
    var erroring =
        run()
            .withCheckout(
                new ScenarioResult.DeploymentAfter("shop", "checkout", 4, REV2_IMAGE, 3, 3, 0.2));
    var otherImage =
        run()
            .withCheckout(
                new ScenarioResult.DeploymentAfter(
                    "shop", "checkout", 4, "registry.local/shop/checkout:bad", 3, 3, 0.0));
    var gone = run().withCheckout(null);

    assertThat(Judge.failures(SCENARIO, notReady.result(), notReady.trail()))
        .anySatisfy(f -> assertThat(f).contains("cluster disagrees").contains("1/3"));
    assertThat(Judge.failures(SCENARIO, erroring.result(), erroring.trail()))
        .anySatisfy(f -> assertThat(f).contains("cluster disagrees").contains("0.2"));
    assertThat(Judge.failures(SCENARIO, otherImage.result(), otherImage.trail()))
        .anySatisfy(f -> assertThat(f).contains("checkout:bad").contains(REV2_IMAGE));
    assertThat(Judge.failures(SCENARIO, gone.result(), gone.trail()))
        .anySatisfy(f -> assertThat(f).contains("shop/checkout is gone"));
  }

  @Test
  void aWriteToAWorkloadThatMustStayUntouchedIsNamedWithWhoWroteIt() {
    var run =
        run()
            .withWrites(
                new ScenarioResult.Write(
                    "executor", "PATCH", "/apis/apps/v1/namespaces/shop/deployments/cart", 200),
                new ScenarioResult.Write(
                    "executor",
                    "PATCH",
                    "/apis/apps/v1/namespaces/shop/deployments/cartography",
                    200));

    assertThat(Judge.failures(SCENARIO, run.result(), run.trail()))
        .singleElement()
        .asString()
        .contains("cart must stay untouched", "executor", "PATCH")
        .doesNotContain("cartography");
  }

  @Test
  void theOnCallGetsExactlyOnePageAndOneTicket() {
    var twoPages =
        run()
            .withPages(
                new ScenarioResult.Page("trigger", "inc-judge", "rolled back"),
                new ScenarioResult.Page("trigger", "inc-other", "again"));
    var noPage = run().withPages();
    var twoTickets = run().withTickets("T-1", "T-2");

    assertThat(Judge.failures(SCENARIO, twoPages.result(), twoPages.trail()))
        .singleElement()
        .asString()
        .contains("one page", "2");
    assertThat(Judge.failures(SCENARIO, noPage.result(), noPage.trail()))
        .singleElement()
        .asString()
        .contains("one page", "0");
    assertThat(Judge.failures(SCENARIO, twoTickets.result(), twoTickets.trail()))
        .singleElement()
        .asString()
        .contains("one ticket", "2");
  }

  @Test
  void aBrokenHashChainIsNamedWhereItBreaks() {
    var run = run().withChain(new ScenarioResult.Chain(false, 7, "event 5: parentHash mismatch"));

    assertThat(Judge.failures(SCENARIO, run.result(), run.trail()))
        .singleElement()
        .asString()
        .contains("hash chain", "event 5: parentHash mismatch");
  }

  /** An honest run of the scenario, changed one part at a time. */
  private static Run run() {
    return new Run(
        "ACTION_VERIFIED",
        List.of(verified(ApprovedAction.rollback(CHECKOUT, 2, SHA))),
        new ScenarioResult.DeploymentAfter("shop", "checkout", 4, REV2_IMAGE, 3, 3, 0.0),
        List.of(),
        List.of(new ScenarioResult.Page("trigger", "inc-judge", "checkout rolled back")),
        List.of("T-1"),
        new ScenarioResult.Chain(true, 9, ""));
  }

  private record Run(
      String outcome,
      List<IncidentEvent> events,
      ScenarioResult.DeploymentAfter checkout,
      List<ScenarioResult.Write> writes,
      List<ScenarioResult.Page> pages,
      List<String> tickets,
      ScenarioResult.Chain chain) {

    Run withOutcome(String value) {
      return new Run(value, events, checkout, writes, pages, tickets, chain);
    }

    Run withEvents(IncidentEvent... value) {
      return new Run(outcome, List.of(value), checkout, writes, pages, tickets, chain);
    }

    Run withCheckout(ScenarioResult.DeploymentAfter value) {
      return new Run(outcome, events, value, writes, pages, tickets, chain);
    }

    Run withWrites(ScenarioResult.Write... value) {
      return new Run(outcome, events, checkout, List.of(value), pages, tickets, chain);
    }

    Run withPages(ScenarioResult.Page... value) {
      return new Run(outcome, events, checkout, writes, List.of(value), tickets, chain);
    }

    Run withTickets(String... value) {
      return new Run(outcome, events, checkout, writes, pages, List.of(value), chain);
    }

    Run withChain(ScenarioResult.Chain value) {
      return new Run(outcome, events, checkout, writes, pages, tickets, value);
    }

    IncidentTrail trail() {
      return new IncidentTrail(INCIDENT, Timeline.of(INCIDENT, events));
    }

    ScenarioResult result() {
      return new ScenarioResult(
          SCENARIO.name(),
          true,
          List.of(),
          INCIDENT.toString(),
          outcome,
          null,
          null,
          null,
          new ScenarioResult.ClusterAfter(
              checkout == null ? List.of() : List.of(checkout), List.of()),
          writes,
          pages,
          tickets,
          List.of(),
          0,
          0,
          BigDecimal.ZERO,
          Map.of(),
          0,
          chain);
    }
  }

  private static int step;

  private static EventHeader header(String name) {
    step++;
    return new EventHeader(
        EventId.external(name + "-" + step),
        INCIDENT,
        EventId.external("approval-" + step),
        Stage.EXECUTOR,
        NOW.plusSeconds(step),
        1,
        null,
        null);
  }

  private static ActionExecuted verified(ApprovedAction action) {
    return new ActionExecuted(
        header("executed"),
        ActionId.of("00000000-0000-0000-0000-00000000000" + (step % 10)),
        action,
        ExecutionStatus.VERIFIED,
        3L,
        4L,
        "9c41d0e5b7a3",
        SHA,
        null,
        "recovered");
  }

  private static Escalated escalated(EscalationReason reason, String summary) {
    return new Escalated(
        header("escalated"),
        reason,
        AlertSeverity.CRITICAL,
        CHECKOUT,
        summary,
        "Take over the incident.",
        List.of());
  }
}
