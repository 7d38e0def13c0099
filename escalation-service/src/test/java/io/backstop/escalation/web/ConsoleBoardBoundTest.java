package io.backstop.escalation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.escalation.console.ApprovalStatus;
import io.backstop.escalation.console.ConsoleBoard;
import io.backstop.escalation.console.IncidentView;
import io.backstop.events.IncidentEvent;
import io.backstop.events.id.IncidentId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The console's board keeps the most recently active incidents only, so a service that runs for
 * months does not hold every incident the audit log ever recorded; a pending approval is never
 * dropped, and a dropped incident folds back from its events alone.
 */
class ConsoleBoardBoundTest {

  private static final Instant LATER = Instant.parse("2030-01-01T00:00:00Z");

  /** Alert, signals and diagnosis of a fresh incident, without an approval request. */
  private static List<IncidentEvent> plain(String incident) {
    List<IncidentEvent> chain = PendingApprovals.chain(incident, LATER);
    return chain.subList(0, chain.size() - 1);
  }

  private static List<String> shown(ConsoleBoard board) {
    return board.incidents().stream().map(v -> v.id().value()).sorted().toList();
  }

  @Test
  void keepsTheMostRecentlyActiveIncidentsAndCountsTheRest() {
    ConsoleBoard board = new ConsoleBoard(3);

    for (int i = 1; i <= 5; i++) {
      plain("bound-" + i).forEach(board::apply);
    }

    assertThat(shown(board)).containsExactly("bound-3", "bound-4", "bound-5");
    assertThat(board.incident(IncidentId.of("bound-1"))).isEmpty();
    assertThat(board.timeline(IncidentId.of("bound-2"))).isEmpty();
    assertThat(board.dropped()).isEqualTo(2);
  }

  @Test
  void anIncidentWithAPendingApprovalIsNeverDropped() {
    ConsoleBoard board = new ConsoleBoard(2);
    List<IncidentEvent> waiting = PendingApprovals.chain("bound-waiting", LATER);
    waiting.forEach(board::apply);

    for (int i = 1; i <= 4; i++) {
      plain("bound-after-" + i).forEach(board::apply);
    }

    assertThat(shown(board)).containsExactly("bound-after-4", "bound-waiting");
    assertThat(board.pending())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.request().actionId())
                  .isEqualTo(PendingApprovals.request(waiting).actionId());
              assertThat(a.status()).isEqualTo(ApprovalStatus.PENDING);
            });
    assertThat(board.dropped()).isEqualTo(3);
  }

  @Test
  void anEventMovesItsIncidentToTheRecentEnd() {
    ConsoleBoard board = new ConsoleBoard(2);
    List<IncidentEvent> first = plain("bound-first");
    first.forEach(board::apply);
    plain("bound-second").forEach(board::apply);

    // A redelivered step of the first incident: replaced in place, and the incident is active.
    board.apply(first.get(first.size() - 1));
    plain("bound-third").forEach(board::apply);

    assertThat(shown(board)).containsExactly("bound-first", "bound-third");
    assertThat(board.timeline(IncidentId.of("bound-first")).orElseThrow().events())
        .hasSize(first.size());
  }

  @Test
  void aDroppedIncidentFoldsBackFromItsEventsAsTheBoardShowedIt() {
    ConsoleBoard whole = new ConsoleBoard();
    List<IncidentEvent> waiting = PendingApprovals.chain("bound-again", LATER);
    waiting.forEach(whole::apply);
    IncidentId id = IncidentId.of("bound-again");

    ConsoleBoard alone = ConsoleBoard.of(waiting);

    IncidentView before = whole.incident(id).orElseThrow();
    assertThat(alone.incident(id)).contains(before);
    assertThat(alone.timeline(id).orElseThrow().events())
        .containsExactlyElementsOf(whole.timeline(id).orElseThrow().events());
    assertThat(alone.approvalsOf(id)).isEqualTo(whole.approvalsOf(id));
  }

  @Test
  void aBoundBelowOneIsRefused() {
    assertThatThrownBy(() -> new ConsoleBoard(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }
}
