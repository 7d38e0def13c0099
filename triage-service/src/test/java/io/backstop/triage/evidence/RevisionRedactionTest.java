package io.backstop.triage.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.fixtures.Revisions;
import io.backstop.events.signal.Revision;
import io.backstop.redaction.Redactor;
import org.junit.jupiter.api.Test;

/**
 * The change cause is the one free text of a revision that triage redacts; the copy that carries
 * the redacted text keeps every other component, checked over the record's components by
 * reflection, so a component added to the contract later is covered here without a change.
 */
class RevisionRedactionTest {

  @Test
  void redactingTheChangeCauseKeepsEveryOtherComponent() {
    Revision read =
        Revisions.everyComponentSet().toBuilder()
            .changeCause("kubectl set env deployment/frontend DB_PASSWORD=hunter22")
            .build();
    EvidenceLedger ledger = new EvidenceLedger(new Redactor(), 4000, 100_000);

    Revision redacted = SignalsAssembler.redacted(read, ledger);

    assertThat(Revisions.differingComponents(read, redacted)).containsExactly("changeCause");
    assertThat(redacted.changeCause()).doesNotContain("hunter22").contains("REDACTED");
    assertThat(ledger.redactionCount()).isPositive();
  }

  @Test
  void aRevisionWithNothingToRedactComesThroughWhole() {
    Revision read = Revisions.everyComponentSet();

    assertThat(
            Revisions.differingComponents(
                read,
                SignalsAssembler.redacted(read, new EvidenceLedger(new Redactor(), 4000, 100_000))))
        .isEmpty();
  }
}
