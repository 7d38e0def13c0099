package io.backstop.safety.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.events.action.VerdictOutcome;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.safety.breaker.BreakerSettings;
import io.backstop.safety.facts.FactSheet;
import io.backstop.safety.facts.Facts;
import io.backstop.safety.facts.ProposedWrite;
import io.backstop.safety.facts.Subject;
import io.backstop.safety.verdict.Gate;
import io.backstop.safety.verdict.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyBookTest {

  private static final String DEFAULT = defaultText();

  @Test
  void theDefaultFileLoadsWithPoliciesForEveryJudgingGate() {
    PolicyBook book = PolicyBook.loadDefault();

    assertThat(book.gate(Gate.QUALITY).policies()).hasSizeGreaterThan(10);
    assertThat(book.gate(Gate.ACTION).policies()).hasSizeGreaterThan(15);
    assertThat(book.gate(Gate.AUTONOMY).policies()).hasSize(1);
    assertThat(book.settings().writeConfidence(ModelTier.OFFLINE))
        .isGreaterThan(book.settings().writeConfidence(ModelTier.PRIMARY));
    assertThat(book.settings().protectedNames()).contains("prod-db");
    assertThat(book.settings().systemNamespaces()).contains("kube-system");
  }

  @Test
  void anOverridePathIsLoadedInsteadOfTheDefault(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("policies.yaml");
    Files.writeString(file, DEFAULT.replace("maxWrites: 5", "maxWrites: 2"));

    assertThat(PolicyBook.load(file).settings().breaker().maxWrites()).isEqualTo(2);
  }

  @Test
  void aPolicyThatFailsToCompileFailsTheLoadNamingThePolicyAndTheCelError() {
    String broken =
        DEFAULT.replace("expression: proposal.wellFormed", "expression: proposal.wellFormed &&");

    assertThatThrownBy(() -> PolicyBook.parse(broken, "broken.yaml"))
        .isInstanceOf(PolicyFileException.class)
        .hasMessageContaining("broken.yaml")
        .hasMessageContaining("quality.proposal-well-formed")
        .hasMessageContaining("does not compile");
  }

  @Test
  void aPolicyReadingAnUndeclaredFactFailsTheLoad() {
    String typo = DEFAULT.replace("expression: action.supported", "expression: action.suported");

    assertThatThrownBy(() -> PolicyBook.parse(typo, "typo.yaml"))
        .hasMessageContaining("quality.action-supported")
        .hasMessageContaining("action.suported");
  }

  @Test
  void aNonBooleanExpressionFailsTheLoad() {
    String number =
        DEFAULT.replace("expression: citations.unknown == 0", "expression: citations.unknown");

    assertThatThrownBy(() -> PolicyBook.parse(number, "number.yaml"))
        .hasMessageContaining("quality.citations-exist");
  }

  @Test
  void anUnknownSettingsKeyIsNamedWithItsPath() {
    String typo = DEFAULT.replaceFirst("scaleMax:", "scaleMaximum:");

    assertThatThrownBy(() -> PolicyBook.parse(typo, "keys.yaml"))
        .isInstanceOf(PolicyFileException.class)
        .hasMessageContaining("settings.blastRadius.scaleMaximum: unknown key");
  }

  @Test
  void theCooldownPerDeploymentIsOptionalButNeverZero() {
    assertThat(
            PolicyBook.parse(DEFAULT.replace("\n    cooldown: PT10M", ""), "absent.yaml")
                .settings()
                .breaker()
                .cooldown())
        .isEqualTo(BreakerSettings.DEFAULT_COOLDOWN);
    assertThatThrownBy(
            () -> PolicyBook.parse(DEFAULT.replace("cooldown: PT10M", "cooldown: PT0S"), "z.yaml"))
        .isInstanceOf(PolicyFileException.class)
        .hasMessageContaining("breaker.cooldown must be positive");
  }

  @Test
  void aMissingSettingIsNamedNotReadAsZero() {
    String missing = DEFAULT.replaceFirst("\n    maxWritesPerIncident: 1", "");

    assertThatThrownBy(() -> PolicyBook.parse(missing, "missing.yaml"))
        .isInstanceOf(PolicyFileException.class)
        .hasMessageContaining("settings.blastRadius.maxWritesPerIncident: is required");
  }

  @Test
  void aValueOfAnotherTypeIsNotCoerced() {
    String quoted = DEFAULT.replaceFirst("scaleMax: 10", "scaleMax: \"10\"");
    String fraction = DEFAULT.replaceFirst("scaleMax: 10", "scaleMax: 10.5");
    String seconds = DEFAULT.replaceFirst("window: PT30M", "window: 1800");

    assertThatThrownBy(() -> PolicyBook.parse(quoted, "types.yaml"))
        .hasMessageContaining("settings.blastRadius.scaleMax");
    assertThatThrownBy(() -> PolicyBook.parse(fraction, "types.yaml"))
        .hasMessageContaining("settings.blastRadius.scaleMax");
    assertThatThrownBy(() -> PolicyBook.parse(seconds, "types.yaml"))
        .hasMessageContaining("settings.breaker.window")
        .hasMessageContaining("ISO-8601");
  }

  @Test
  void aKeyWrittenTwiceFailsTheLoad() {
    String twice = DEFAULT.replaceFirst("scaleMax: 10", "scaleMax: 10\n    scaleMax: 50");

    assertThatThrownBy(() -> PolicyBook.parse(twice, "twice.yaml"))
        .isInstanceOf(PolicyFileException.class)
        .hasMessageContaining("scaleMax");
  }

  @Test
  void anUnknownKeyFailsTheLoadRatherThanDefaulting() {
    String typo = DEFAULT.replaceFirst("effect: deny", "efect: deny");

    assertThatThrownBy(() -> PolicyBook.parse(typo, "keys.yaml")).hasMessageContaining("efect");
  }

  @Test
  void anUnknownEffectOrGateFailsTheLoad() {
    assertThatThrownBy(
            () -> PolicyBook.parse(DEFAULT.replaceFirst("effect: deny", "effect: allow"), "e.yaml"))
        .hasMessageContaining("must be deny or escalate");
    assertThatThrownBy(
            () -> PolicyBook.parse(DEFAULT.replaceFirst("gate: quality", "gate: vibes"), "g.yaml"))
        .hasMessageContaining("unknown gate");
  }

  @Test
  void aDuplicatePolicyIdFailsTheLoad() {
    String twice = DEFAULT.replace("id: quality.sha-unambiguous", "id: quality.sha-grounded");

    assertThatThrownBy(() -> PolicyBook.parse(twice, "dup.yaml"))
        .hasMessageContaining("used twice");
  }

  @Test
  void aThresholdOutOfRangeFailsTheLoadNamingTheValue() {
    assertThatThrownBy(
            () -> PolicyBook.parse(DEFAULT.replace("minimum: 0.6", "minimum: 1.6"), "t.yaml"))
        .hasMessageContaining("confidence.minimum must be between 0 and 1, but was 1.6");
    assertThatThrownBy(
            () -> PolicyBook.parse(DEFAULT.replace("scaleMin: 1", "scaleMin: 0"), "s.yaml"))
        .hasMessageContaining("[0, 10]");
  }

  @Test
  void aTierWithoutAWriteThresholdFailsTheLoad() {
    assertThatThrownBy(
            () -> PolicyBook.parse(DEFAULT.replace("      OFFLINE: 0.8\n", ""), "tier.yaml"))
        .hasMessageContaining("confidence.write.OFFLINE is missing");
  }

  @Test
  void anEvaluationErrorDeniesEvenForAnEscalatePolicy() {
    CelPolicy dividing =
        CelPolicy.compile(
            new PolicyDefinition(
                "test.divide",
                Gate.ACTION,
                Effect.ESCALATE,
                "d",
                "100 / (action.replicas + 1) > 0",
                null),
            "inline");

    Verdict verdict = dividing.evaluate(honestFacts());

    assertThat(verdict.outcome()).isEqualTo(VerdictOutcome.DENY);
    assertThat(verdict.reason()).contains("evaluation error");
  }

  @Test
  void aFalseExpressionTakesThePolicyEffectAndRendersTheMessage() {
    CelPolicy escalating =
        CelPolicy.compile(
            new PolicyDefinition(
                "test.escalate",
                Gate.ACTION,
                Effect.ESCALATE,
                "d",
                "action.type == 'SCALE'",
                "type was {action.type} on {target.name}"),
            "inline");

    Verdict verdict = escalating.evaluate(honestFacts());

    assertThat(verdict)
        .isEqualTo(Verdict.escalate("test.escalate", "type was ROLLBACK on checkout"));
  }

  private static Facts honestFacts() {
    var diagnosis = Diagnoses.honestRollback();
    return FactSheet.compute(
        new Subject(diagnosis, diagnosis.signals(), ProposedWrite.recommended(diagnosis), 0),
        PolicyBook.loadDefault().settings());
  }

  private static String defaultText() {
    try (InputStream in = PolicyBook.class.getResourceAsStream(PolicyBook.DEFAULT_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
