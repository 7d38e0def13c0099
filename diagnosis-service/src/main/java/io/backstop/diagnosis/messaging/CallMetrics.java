package io.backstop.diagnosis.messaging;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.diagnosis.ModelCall;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what each proposal cost, for dashboards: {@code backstop.diagnosis.calls} per target, tier
 * and outcome, {@code backstop.diagnosis.cost} in US dollars per target, and {@code
 * backstop.diagnosis.proposals} per answering target and tier. The record itself is the audit log;
 * these are its running totals.
 */
public final class CallMetrics {

  private final MeterRegistry registry;

  public CallMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void record(DiagnosisProposed proposal) {
    for (ModelCall call : proposal.calls()) {
      registry
          .counter(
              "backstop.diagnosis.calls",
              "target",
              call.target(),
              "tier",
              call.tier().name(),
              "outcome",
              call.outcome().name())
          .increment();
      registry
          .counter("backstop.diagnosis.cost", "target", call.target())
          .increment(call.costUsd().doubleValue());
    }
    registry
        .counter(
            "backstop.diagnosis.proposals",
            "answeredBy",
            proposal.answeredBy(),
            "tier",
            proposal.tier().name())
        .increment();
  }
}
