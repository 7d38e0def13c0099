package io.backstop.events;

import io.backstop.events.id.EvidenceId;
import io.backstop.events.signal.Evidence;
import io.backstop.events.signal.Findings;
import io.backstop.events.signal.Gathering;
import io.backstop.events.signal.RolloutHistory;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.Workload;
import io.backstop.events.signal.WorkloadRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Triage gathered the signals for an incident, read-only and redacted: numbered evidence (about the
 * alerted workload and the workloads and nodes around it), the rollout history of each Deployment
 * with evidence, the namespace's workload inventory with protection labels, recognised symptoms of
 * every workload, the anomaly onset, how many secrets were redacted, which sources could not be
 * read (a partial gathering says so rather than hiding it), what was found beyond the alerted
 * workload ({@link Findings}) and how the gathering went ({@link Gathering}: the health window, its
 * cost and what its bounds skipped; null in events of the first contract).
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
    List<String> missingSources,
    Findings findings,
    Gathering gathering)
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
    findings = findings == null ? Findings.NONE : findings;
  }

  /** Signals with nothing found beyond the alerted workload and no gathering record. */
  public SignalsGathered(
      EventHeader header,
      WorkloadRef target,
      List<Evidence> evidence,
      List<RolloutHistory> rollouts,
      List<Workload> inventory,
      List<Symptom> symptoms,
      Instant anomalyOnset,
      int redactionCount,
      List<String> missingSources) {
    this(
        header,
        target,
        evidence,
        rollouts,
        inventory,
        symptoms,
        anomalyOnset,
        redactionCount,
        missingSources,
        Findings.NONE,
        null);
  }

  public Optional<Evidence> evidence(EvidenceId id) {
    for (Evidence e : evidence) {
      if (e.id().equals(id)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  public Optional<RolloutHistory> rollout(WorkloadRef deployment) {
    for (RolloutHistory r : rollouts) {
      if (r.deployment().equals(deployment)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
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
        missingSources,
        findings,
        gathering);
  }

  /** The inventory workload with this reference, when triage gathered it. */
  public Optional<Workload> workload(WorkloadRef ref) {
    return inventory.stream().filter(w -> w.ref().equals(ref)).findFirst();
  }

  /** The symptoms recorded for one workload. */
  public List<Symptom> symptomsOf(WorkloadRef workload) {
    List<Symptom> found = new ArrayList<>(symptoms.size());
    for (Symptom s : symptoms) {
      if (s.workload().equals(workload)) {
        found.add(s);
      }
    }
    return Collections.unmodifiableList(found);
  }
}
