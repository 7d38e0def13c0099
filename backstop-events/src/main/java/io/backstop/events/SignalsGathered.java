package io.backstop.events;

import io.backstop.events.id.EvidenceId;
import io.backstop.events.signal.Evidence;
import io.backstop.events.signal.RolloutHistory;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.Workload;
import io.backstop.events.signal.WorkloadRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Triage gathered the signals for an incident, read-only and redacted: numbered evidence, the
 * rollout history of each Deployment, the namespace's workload inventory with protection labels,
 * recognised symptoms, the anomaly onset, how many secrets were redacted, and which sources could
 * not be read (a partial gathering says so rather than hiding it).
 */
public record SignalsGathered(
    EventHeader header,
    WorkloadRef target,
    List<Evidence> evidence,
    List<RolloutHistory> rollouts,
    List<Workload> inventory,
    List<Symptom> symptoms,
    Instant anomalyOnset,
    int redactionCount,
    List<String> missingSources)
    implements IncidentEvent {

  public SignalsGathered {
    Require.present(header, "header");
    Require.present(target, "target");
    evidence = Require.list(evidence);
    rollouts = Require.list(rollouts);
    inventory = Require.list(inventory);
    symptoms = Require.list(symptoms);
    Require.nonNegative(redactionCount, "redactionCount");
    missingSources = Require.list(missingSources);
  }

  public Optional<Evidence> evidence(EvidenceId id) {
    return evidence.stream().filter(e -> e.id().equals(id)).findFirst();
  }

  public Optional<RolloutHistory> rollout(WorkloadRef deployment) {
    return rollouts.stream().filter(r -> r.deployment().equals(deployment)).findFirst();
  }

  @Override
  public SignalsGathered withHeader(EventHeader newHeader) {
    return new SignalsGathered(
        newHeader,
        target,
        evidence,
        rollouts,
        inventory,
        symptoms,
        anomalyOnset,
        redactionCount,
        missingSources);
  }
}
