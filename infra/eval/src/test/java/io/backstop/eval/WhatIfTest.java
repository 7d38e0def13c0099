package io.backstop.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.eval.whatif.AuditFile;
import io.backstop.eval.whatif.Change;
import io.backstop.eval.whatif.WhatIf;
import io.backstop.events.IncidentEvent;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.safety.policy.PolicyBook;
import io.backstop.safety.review.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What-if on an audit log recorded by a real local-stack run of the headline incident (`backstop up
 * --scenario bad-deploy-hallucinated-sha`, then `backstop audit export`): a hallucinated proposal
 * rejected, then the strong tier's rollback of checkout approved. Re-judged under the shipped
 * policy nothing changes; with shop removed from the allowed namespaces the approval becomes an
 * escalation, and the verdict that changed it is named.
 */
class WhatIfTest {

  private static final Path RECORDED =
      Path.of("src/test/resources/recorded/headline-incident.jsonl");

  @TempDir Path dir;

  @Test
  void theShippedPolicyReproducesEveryRecordedDecision() {
    WhatIf.Result result =
        new WhatIf(PolicyBook.loadDefault()).rejudge(AuditFile.read(RECORDED), Instant.MIN);

    assertThat(result.proposals()).isEqualTo(2);
    assertThat(result.changes()).isEmpty();
  }

  @Test
  void aPolicyThatNoLongerAllowsTheNamespaceTurnsTheApprovalIntoAnEscalation() throws IOException {
    Path policy = dir.resolve("policies.yaml");
    Files.writeString(
        policy, shippedPolicy().replace("allowed: [shop, default]", "allowed: [default]"));

    WhatIf.Result result =
        new WhatIf(PolicyBook.load(policy)).rejudge(AuditFile.read(RECORDED), Instant.MIN);

    assertThat(result.changes()).singleElement().satisfies(this::approvalBecameEscalation);
  }

  @Test
  void proposalsBeforeTheCutOffAreNotRejudged() {
    List<IncidentEvent> events = AuditFile.read(RECORDED);
    Instant afterEverything =
        events.stream().map(e -> e.header().occurredAt()).max(Instant::compareTo).orElseThrow();

    WhatIf.Result result =
        new WhatIf(PolicyBook.loadDefault()).rejudge(events, afterEverything.plusSeconds(1));

    assertThat(result.proposals()).isZero();
  }

  @Test
  void anEditedLineOfTheExportIsANamedErrorNotASilentSkip() throws IOException {
    List<String> lines = Files.readAllLines(RECORDED);
    Path edited = dir.resolve("edited.jsonl");
    lines.set(2, lines.get(2).replace("\"confidence\":", "\"confidence\":0.0,\"_x\":"));
    Files.write(edited, lines);

    assertThatThrownBy(() -> AuditFile.read(edited))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("edited.jsonl:3");
  }

  private void approvalBecameEscalation(Change change) {
    assertThat(change.was()).isEqualTo(Outcome.APPROVE);
    assertThat(change.wasAction().target().name()).isEqualTo("checkout");
    assertThat(change.wouldBe()).isEqualTo(Outcome.ESCALATE);
    assertThat(change.nowFailing())
        .extracting(PolicyVerdict::policyId)
        .contains("action.allowed-namespace");
  }

  private static String shippedPolicy() throws IOException {
    try (InputStream in =
        PolicyBook.class.getResourceAsStream("/io/backstop/safety/policies.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
