package io.backstop.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.diagnosis.RecommendedAction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProposalsTest {

  @Test
  void redactsEverySecretTheModelWroteBeforeItIsEmitted() {
    Diagnosis d =
        new Diagnosis(
            "checkout fails to log in with DB_PASSWORD=hunter22",
            "checkout",
            "shop",
            "9c41d0e",
            0.9,
            List.of("E1", "token=abcdefgh12345"),
            new RecommendedAction(
                "ROLLBACK",
                "checkout",
                "shop",
                null,
                2L,
                "7f3e2d1",
                null,
                Map.of("why", "Authorization: Bearer abcdefghijklmnop123")));

    Diagnosis redacted = Proposals.redacted(d);

    assertThat(redacted.hypothesis())
        .isEqualTo("checkout fails to log in with DB_PASSWORD=[REDACTED:PASSWORD]");
    assertThat(redacted.citedEvidence()).containsExactly("E1", "token=[REDACTED:TOKEN]");
    assertThat(redacted.action().params().get("why")).doesNotContain("abcdefghijklmnop123");
    assertThat(redacted.suspectedDeploySha()).isEqualTo("9c41d0e");
    assertThat(redacted.action().gitSha()).isEqualTo("7f3e2d1");
  }

  @Test
  void leavesADiagnosisWithoutSecretsAsItWas() {
    Diagnosis d =
        new Diagnosis(
            "password authentication failed for user app since revision 3",
            "checkout",
            "shop",
            null,
            0.8,
            List.of("E1"),
            RecommendedAction.of(
                io.backstop.events.diagnosis.ActionType.ESCALATE, "checkout", "shop"));

    assertThat(Proposals.redacted(d)).isEqualTo(d);
  }
}
