package io.backstop.eval.corpus;

import io.backstop.diagnosis.Diagnosis;
import io.backstop.diagnosis.Proposals;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.EventHeader;
import io.backstop.events.SignalsGathered;
import io.backstop.events.Stage;
import io.backstop.events.diagnosis.CallOutcome;
import io.backstop.events.diagnosis.ModelCall;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.diagnosis.RecommendedAction;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Turns a model output of a case into the {@code DiagnosisProposed} diagnosis-service would emit
 * for it: every field exactly as the model wrote it (missing ones missing), the tier that answered.
 */
public final class CaseProposals {

  private CaseProposals() {}

  public static DiagnosisProposed proposal(
      EvalCase c, ModelOutput output, SignalsGathered signals) {
    Diagnosis d = written(c, output.diagnosis());
    ModelTier tier = tier(output);
    String answeredBy = output.answeredBy() != null ? output.answeredBy() : defaultModel(tier);
    int reroutes = output.rerouteCount() == null ? 0 : output.rerouteCount();
    return Proposals.proposed(
        EventHeader.reactingTo(
            signals, Stage.DIAGNOSIS, DiagnosisProposed.class, reroutes + 1, c.now()),
        d,
        answeredBy,
        tier,
        List.of(
            new ModelCall(
                answeredBy,
                answeredBy,
                tier,
                CallOutcome.OK,
                c.now(),
                900,
                1800,
                300,
                new BigDecimal("0.0100"),
                "evaluation case " + c.id())),
        reroutes,
        signals);
  }

  /**
   * The diagnosis as diagnosis-service hands it on: what the model wrote, through the same
   * redaction of model-written text the live service applies before it emits.
   */
  private static Diagnosis written(EvalCase c, ModelOutput.Diagnosis d) {
    ModelOutput.Action a = d.action();
    return Proposals.redacted(
        new Diagnosis(
            d.hypothesis() == null || d.hypothesis().isBlank() ? "(no hypothesis)" : d.hypothesis(),
            d.resource(),
            d.namespace() != null ? d.namespace() : c.namespace(),
            d.sha(),
            d.confidence() == null ? 0.0 : d.confidence(),
            d.cited() == null ? List.of() : d.cited(),
            new RecommendedAction(
                a.type(),
                a.target(),
                a.namespace() != null || a.target() == null ? a.namespace() : c.namespace(),
                a.scope(),
                a.revision(),
                a.sha(),
                a.replicas(),
                a.params(),
                a.templateHash())));
  }

  /** An analyzer's (or any) diagnosis as the proposal the given tier would emit. */
  public static DiagnosisProposed proposal(
      EvalCase c, Diagnosis d, ModelTier tier, String answeredBy, SignalsGathered signals) {
    return Proposals.proposed(
        EventHeader.reactingTo(signals, Stage.DIAGNOSIS, DiagnosisProposed.class, 1, c.now()),
        d,
        answeredBy,
        tier,
        List.of(),
        0,
        signals);
  }

  public static ModelTier tier(ModelOutput output) {
    return output.tier() == null
        ? ModelTier.PRIMARY
        : ModelTier.valueOf(output.tier().toUpperCase(Locale.ROOT));
  }

  private static String defaultModel(ModelTier tier) {
    return switch (tier) {
      case PRIMARY -> "claude";
      case STRONG -> "opus";
      case FALLBACK -> "llama";
      case OFFLINE -> "offline-analyzer";
    };
  }
}
