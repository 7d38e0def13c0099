package io.backstop.triage.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.events.AlertReceived;
import io.backstop.events.alert.AlertStatus;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.id.IncidentId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class FiringSetTest {

  @Test
  void everyVersionStaysWhatItWasWhileTheNewestGrowsInPlace() {
    FiringSet none = FiringSet.of(Set.of());
    FiringSet one = none.with("f1");
    FiringSet two = one.with("f2");
    FiringSet back = two.without("f1");
    FiringSet again = back.with("f1");

    assertThat(none).isEmpty();
    assertThat(one).containsExactly("f1");
    assertThat(two).containsExactly("f1", "f2");
    assertThat(back).containsExactly("f2").doesNotContain("f1");
    assertThat(again).containsExactlyInAnyOrder("f1", "f2").hasSize(2);
    assertThat(two.sharesLogWith(one)).isTrue();
    assertThat(again.sharesLogWith(one)).isTrue();
    assertThat(one.with("f1")).isSameAs(one);
    assertThat(back.without("f1")).isSameAs(back);
  }

  @Test
  void aStormOfDistinctFingerprintsCopiesNothing() {
    FiringSet firing = FiringSet.of(Set.of("first"));
    FiringSet start = firing;
    for (int i = 0; i < IncidentRecord.MAX_FINGERPRINTS; i++) {
      firing = firing.with("fp-" + i);
    }

    assertThat(firing).hasSize(IncidentRecord.MAX_FINGERPRINTS + 1).contains("first", "fp-9999");
    assertThat(firing.sharesLogWith(start)).isTrue();
    assertThat(firing.logged()).isEqualTo(IncidentRecord.MAX_FINGERPRINTS + 1);
    assertThat(start).containsExactly("first");
  }

  @Test
  void aVersionThatIsNoLongerTheNewestBranchesOnACopyAndLeavesTheOthersAlone() {
    // A rolled-back admission leaves the store with the version before; the next one starts there.
    FiringSet committed = FiringSet.of(Set.of("a")).with("b");
    FiringSet rolledBack = committed.with("c");
    FiringSet retried = committed.with("d");

    assertThat(retried).containsExactly("a", "b", "d");
    assertThat(retried.sharesLogWith(committed)).isFalse();
    assertThat(rolledBack).containsExactly("a", "b", "c");
    assertThat(committed).containsExactly("a", "b");
    assertThat(rolledBack.with("e")).containsExactly("a", "b", "c", "e");
  }

  @Test
  void resolvingEveryFingerprintOneByOneKeepsTheLogBounded() {
    FiringSet firing = FiringSet.of(Set.of());
    for (int i = 0; i < 1_000; i++) {
      firing = firing.with("fp-" + i);
    }
    List<FiringSet> versions = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      firing = firing.without("fp-" + i);
      versions.add(firing);
      assertThat(firing.logged()).isLessThanOrEqualTo(2 * firing.size() + 2 * 64 + 1);
    }

    assertThat(firing).isEmpty();
    for (int i = 0; i < versions.size(); i++) {
      assertThat(versions.get(i)).hasSize(999 - i);
      assertThat(versions.get(i).contains("fp-" + i)).isFalse();
      if (i < 999) {
        assertThat(versions.get(i).contains("fp-999")).isTrue();
      }
    }
  }

  @Test
  void flappingFingerprintsAreReAddedWithoutACopy() {
    FiringSet firing = FiringSet.of(Set.of("steady"));
    FiringSet start = firing;
    for (int i = 0; i < 20; i++) {
      firing = firing.without("flappy");
      assertThat(firing).containsExactly("steady");
      firing = firing.with("flappy");
      assertThat(firing).containsExactly("steady", "flappy");
    }
    assertThat(firing.sharesLogWith(start)).isTrue();
  }

  /** Random histories, branching from random old versions, against plain sets copied each time. */
  @Test
  void agreesWithCopiedSetsOnRandomHistories() {
    for (long seed = 1; seed <= 40; seed++) {
      Random random = new Random(seed);
      List<FiringSet> versions = new ArrayList<>(List.of(FiringSet.of(Set.of())));
      List<Set<String>> expected = new ArrayList<>(List.of(Set.of()));
      for (int step = 0; step < 600; step++) {
        // Mostly the newest version (the store's), sometimes an older one (a rollback).
        int from = random.nextInt(10) == 0 ? random.nextInt(versions.size()) : versions.size() - 1;
        String fingerprint = "f" + random.nextInt(40);
        boolean add = random.nextInt(3) != 0;
        Set<String> next = new HashSet<>(expected.get(from));
        versions.add(
            add ? versions.get(from).with(fingerprint) : versions.get(from).without(fingerprint));
        if (add) {
          next.add(fingerprint);
        } else {
          next.remove(fingerprint);
        }
        expected.add(next);
      }
      for (int i = 0; i < versions.size(); i++) {
        FiringSet v = versions.get(i);
        assertThat(v).as("seed %d, version %d", seed, i).isEqualTo(expected.get(i));
        assertThat(v.size()).isEqualTo(expected.get(i).size());
        for (int f = 0; f < 40; f++) {
          assertThat(v.contains("f" + f)).isEqualTo(expected.get(i).contains("f" + f));
        }
      }
    }
  }

  @Test
  void anOlderVersionReadsTheSameWhileTheNewestGrowsOnAnotherThread() throws Exception {
    FiringSet older = FiringSet.of(Set.of()).with("a").with("b").with("c");
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Integer> reads =
        CompletableFuture.supplyAsync(
            () -> {
              int n = 0;
              while (!stop.get()) {
                assertThat(new ArrayList<>(older)).containsExactly("a", "b", "c");
                assertThat(older.contains("x-1")).isFalse();
                n++;
              }
              return n;
            });
    FiringSet newest = older;
    Set<String> expected = new HashSet<>(older);
    for (int i = 0; i < 50_000; i++) {
      newest = newest.with("x-" + i);
      expected.add("x-" + i);
      if (i % 3 == 0) {
        newest = newest.without("x-" + (i / 2));
        expected.remove("x-" + (i / 2));
      }
    }
    stop.set(true);

    assertThat(reads.get()).isPositive();
    assertThat(newest).isEqualTo(expected);
    assertThat(older).containsExactly("a", "b", "c");
  }

  @Test
  void aNullFingerprintIsRefused() {
    assertThatThrownBy(() -> FiringSet.of(Arrays.asList("a", null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("fingerprint");
  }

  @Test
  void theStateRecordRoundTripsThroughItsJsonWithTheFiringOrder() {
    IncidentRecord record =
        new IncidentRecord(
            "namespace=shop|workload=checkout",
            IncidentId.of("inc-shop-checkout-1"),
            IncidentStatus.OPEN,
            Instant.parse("2026-12-05T10:00:00Z"),
            Instant.parse("2026-12-05T10:01:00Z"),
            null,
            3,
            FiringSet.of(Set.of()).with("f3").with("f1").with("f2").without("f1"));

    byte[] json = EventCodec.mapper().writeValueAsBytes(record);
    IncidentRecord read = EventCodec.mapper().readValue(json, IncidentRecord.class);

    assertThat(new String(json, java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"firing\":[\"f3\",\"f2\"]");
    assertThat(read).isEqualTo(record);
    assertThat(read.firing()).containsExactly("f3", "f2");
  }

  @Test
  void aStormThroughTheBookExtendsOneLogAndTheIncidentClosesOnTheLastResolve() {
    IncidentBook book = new IncidentBook(GroupingPolicy.defaults());
    String group = IncidentBookTest.GROUP;
    Optional<IncidentRecord> state = Optional.empty();
    for (int i = 0; i < 2_000; i++) {
      state =
          Optional.of(
              book.admit(state, firing("s-" + i, AlertStatus.FIRING), group, Fixtures.NOW).state());
    }
    FiringSet stormed = (FiringSet) state.orElseThrow().firing();
    assertThat(stormed).hasSize(2_000);
    assertThat(stormed.logged()).isEqualTo(2_000);
    Admission last = null;
    for (int i = 0; i < 2_000; i++) {
      last = book.admit(state, firing("s-" + i, AlertStatus.RESOLVED), group, Fixtures.NOW);
      state = Optional.of(last.state());
    }
    assertThat(last.outcome()).isEqualTo(Admission.Outcome.CLOSED);
    assertThat(stormed).hasSize(2_000).contains("s-0", "s-1999");
  }

  private static AlertReceived firing(String fingerprint, AlertStatus status) {
    return IncidentBookTest.alert(fingerprint, status);
  }
}
