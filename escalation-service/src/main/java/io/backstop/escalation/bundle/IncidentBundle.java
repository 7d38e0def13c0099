package io.backstop.escalation.bundle;

import io.backstop.events.IncidentEvent;
import io.backstop.events.id.IncidentId;
import java.math.BigDecimal;
import java.util.List;

/**
 * One incident as a human reads it: the Markdown timeline, the total model cost and whether the
 * hash chain verified. Built by {@link BundleRenderer} from the incident's audit log.
 */
public record IncidentBundle(
    IncidentId incident,
    String markdown,
    BigDecimal totalCostUsd,
    ChainCheck chain,
    List<IncidentEvent> events) {

  public IncidentBundle {
    events = List.copyOf(events);
  }
}
