package io.backstop.safety.facts;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.fixtures.Signals;
import io.backstop.safety.fixtures.Incidents;
import org.junit.jupiter.api.Test;

class ShaMatchTest {

  @Test
  void aFullShaOrASevenCharacterPrefixNamesItsRevision() {
    var history = Signals.checkoutHistory();

    assertThat(ShaMatch.unique(history, Signals.SHA_REV3))
        .hasValueSatisfying(r -> assertThat(r.revision()).isEqualTo(3));
    assertThat(ShaMatch.unique(history, "9c41d0e"))
        .hasValueSatisfying(r -> assertThat(r.revision()).isEqualTo(3));
  }

  @Test
  void aPrefixShorterThanSevenOrNotHexIsNoSha() {
    assertThat(ShaMatch.normalise("9c41d0")).isEmpty();
    assertThat(ShaMatch.normalise("9c41d0g")).isEmpty();
    assertThat(ShaMatch.normalise("  9C41D0E  ")).contains("9c41d0e");
  }

  @Test
  void aPrefixMatchingTwoShasIsAmbiguousAndNamesNothing() {
    var history = Incidents.ambiguousPrefix().rollouts().get(0);

    assertThat(ShaMatch.ambiguous(ShaMatch.matches(history, "9c41d0e"))).isTrue();
    assertThat(ShaMatch.unique(history, "9c41d0e")).isEmpty();
    assertThat(ShaMatch.unique(history, "9c41d0e5")).isPresent();
  }
}
