package io.backstop.diagnosis.analyzer;

import io.backstop.diagnosis.Diagnosis;
import io.backstop.events.SignalsGathered;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.Workload;
import io.backstop.events.signal.WorkloadKind;
import java.util.List;
import java.util.Optional;

/**
 * The last target of every chain and the embedded default without a gateway: a deterministic
 * diagnosis from the signals. In order: a credential failure escalates; a crash loop or error spike
 * after a recent deploy rolls back to the last healthy revision; a leak with no recent deploy
 * restarts; saturation without a crash loop scales within bounds; anything else escalates. It only
 * proposes writes on an unprotected Deployment, cites only evidence about the workload (never a
 * suspected injection), and never throws: a failure of its own is an escalation.
 */
public final class OfflineAnalyzer {

  /** How the analyzer is named on every record. */
  public static final String NAME = "offline-analyzer";

  public static final String MODEL = "rules-v1";

  private final List<Rule> rules;

  public OfflineAnalyzer(AnalyzerSettings settings) {
    this.rules =
        List.of(
            new CredentialRule(),
            new BadDeployRule(settings.recentDeploy()),
            new LeakRule(settings.recentDeploy()),
            new SaturationRule(settings));
  }

  public Diagnosis analyze(SignalsGathered signals) {
    Findings findings = Findings.of(signals);
    try {
      Diagnosis diagnosis =
          rules.stream()
              .map(rule -> rule.apply(findings))
              .flatMap(Optional::stream)
              .findFirst()
              .orElseGet(() -> unrecognised(findings));
      return protect(findings, diagnosis);
    } catch (RuntimeException e) {
      return Diagnoses.escalate(findings, "the offline analyzer failed: " + e, 0.0, List.of());
    }
  }

  private static Diagnosis unrecognised(Findings f) {
    String seen =
        f.symptoms().isEmpty()
            ? "no recognised symptom"
            : "symptoms " + f.symptoms().stream().map(Symptom::kind).toList();
    return Diagnoses.escalate(
        f,
        "no rule recognises the signals of %s (%s); a human must diagnose"
            .formatted(f.workload().name(), seen),
        Calibration.ESCALATE_UNRECOGNISED,
        f.cite(f.symptoms()));
  }

  /** A write aimed at anything but an unprotected Deployment becomes an escalation. */
  private static Diagnosis protect(Findings f, Diagnosis diagnosis) {
    boolean write = diagnosis.action().actionType().map(ActionType::isWrite).orElse(false);
    Optional<Workload> entry = f.inventoryEntry();
    boolean deployment = f.workload().kind() == WorkloadKind.DEPLOYMENT;
    boolean protectedOne = entry.map(Workload::labelledProtected).orElse(false);
    if (!write || (deployment && !protectedOne && entry.isPresent())) {
      return diagnosis;
    }
    return Diagnoses.escalate(
        f,
        diagnosis.hypothesis()
            + "; but %s is %s, so no automated %s: a human must act"
                .formatted(
                    f.workload(),
                    deployment ? "protected or not in the inventory" : "not a Deployment",
                    diagnosis.action().type()),
        diagnosis.confidence(),
        diagnosis.citedEvidence());
  }
}
