package io.backstop.triage.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.AlertReceived;
import io.backstop.events.alert.AlertStatus;
import io.backstop.events.fixtures.Alerts;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.triage.incident.Admission.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IncidentBookTest {

  static final String GROUP = "namespace=shop|workload=checkout";

  private final IncidentBook book = new IncidentBook(GroupingPolicy.defaults());

  static AlertReceived alert(String fingerprint, AlertStatus status) {
    AlertReceived a = Alerts.checkoutErrorRate();
    return new AlertReceived(
        a.header(),
        a.source(),
        fingerprint,
        a.groupKey(),
        a.alertname(),
        a.severity(),
        status,
        a.labels(),
        a.annotations(),
        a.startsAt(),
        a.endsAt(),
        a.generatorUrl(),
        0);
  }

  @Test
  void opensAnIncidentForANewGroupWithAReadableDeterministicId() {
    Admission first =
        book.admit(Optional.empty(), alert("f1", AlertStatus.FIRING), GROUP, Fixtures.NOW);
    Admission again =
        book.admit(Optional.empty(), alert("f1", AlertStatus.FIRING), GROUP, Fixtures.NOW);

    assertThat(first.outcome()).isEqualTo(Outcome.OPENED);
    assertThat(first.incident().value()).startsWith("inc-shop-checkout-");
    assertThat(again.incident()).isEqualTo(first.incident());
  }

  @Test
  void attachesReFiresAndOtherAlertsOfTheGroupToTheOpenIncident() {
    IncidentRecord open =
        book.admit(Optional.empty(), alert("f1", AlertStatus.FIRING), GROUP, Fixtures.NOW).state();

    Admission dup =
        book.admit(Optional.of(open), alert("f1", AlertStatus.FIRING), GROUP, Fixtures.NOW);
    Admission other =
        book.admit(Optional.of(dup.state()), alert("f2", AlertStatus.FIRING), GROUP, Fixtures.NOW);

    assertThat(List.of(dup.outcome(), other.outcome())).containsOnly(Outcome.ATTACHED);
    assertThat(other.incident()).isEqualTo(open.incidentId());
    assertThat(other.state().deliveries()).isEqualTo(3);
    assertThat(other.state().firing()).containsExactlyInAnyOrder("f1", "f2");
  }

  @Test
  void closesTheIncidentWhenTheLastFiringFingerprintResolves() {
    IncidentRecord state =
        book.admit(Optional.empty(), alert("f1", AlertStatus.FIRING), GROUP, Fixtures.NOW).state();
    state =
        book.admit(Optional.of(state), alert("f2", AlertStatus.FIRING), GROUP, Fixtures.NOW)
            .state();

    Admission one =
        book.admit(Optional.of(state), alert("f1", AlertStatus.RESOLVED), GROUP, Fixtures.NOW);
    Admission last =
        book.admit(
            Optional.of(one.state()), alert("f2", AlertStatus.RESOLVED), GROUP, Fixtures.NOW);
    Admission next =
        book.admit(
            Optional.of(last.state()),
            alert("f1", AlertStatus.FIRING),
            GROUP,
            Fixtures.NOW.plusSeconds(60));

    assertThat(one.outcome()).isEqualTo(Outcome.RESOLVED_ONE);
    assertThat(last.outcome()).isEqualTo(Outcome.CLOSED);
    assertThat(last.state().status()).isEqualTo(IncidentStatus.CLOSED);
    assertThat(next.outcome()).isEqualTo(Outcome.OPENED);
  }

  @Test
  void recordsAResolvedAlertNobodyWaitedForWithoutOpeningAnything() {
    Admission a =
        book.admit(Optional.empty(), alert("f1", AlertStatus.RESOLVED), GROUP, Fixtures.NOW);

    assertThat(a.outcome()).isEqualTo(Outcome.UNMATCHED_RESOLVED);
    assertThat(a.state()).isNull();
    assertThat(a.audited()).isTrue();
  }

  @Test
  void opensANewIncidentWhenTheOpenOneHasGoneStale() {
    IncidentRecord open =
        book.admit(Optional.empty(), alert("f1", AlertStatus.FIRING), GROUP, Fixtures.NOW).state();

    Admission later =
        book.admit(
            Optional.of(open),
            alert("f1", AlertStatus.FIRING),
            GROUP,
            Fixtures.NOW.plus(Duration.ofHours(13)));

    assertThat(later.outcome()).isEqualTo(Outcome.OPENED);
  }

  @Test
  void auditsAStormByItsFirstDeliveriesAndPowersOfTwoOnly() {
    IncidentRecord state =
        book.admit(Optional.empty(), alert("f1", AlertStatus.FIRING), GROUP, Fixtures.NOW).state();
    int audited = 1;
    for (int i = 0; i < 999; i++) {
      Admission a =
          book.admit(Optional.of(state), alert("f1", AlertStatus.FIRING), GROUP, Fixtures.NOW);
      state = a.state();
      audited += a.audited() ? 1 : 0;
    }

    assertThat(state.deliveries()).isEqualTo(1000);
    assertThat(audited).isEqualTo(10);
  }
}
