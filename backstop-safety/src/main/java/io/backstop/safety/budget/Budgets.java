package io.backstop.safety.budget;

import io.backstop.events.IncidentEvent;
import io.backstop.events.id.IncidentId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every incident's budget, fed with the events the guardrail emits and consumes. Safety rationale:
 * the only way to change a budget is to apply an event, so a restart that replays the audit log
 * arrives at the same state; an unknown incident starts with a fresh budget, never a negative one.
 * Thread-safe.
 */
public final class Budgets {

  private final BudgetSettings settings;
  private final Map<IncidentId, IncidentBudget> byIncident = new ConcurrentHashMap<>();

  public Budgets(BudgetSettings settings) {
    this.settings = settings;
  }

  public BudgetSettings settings() {
    return settings;
  }

  public IncidentBudget of(IncidentId incident) {
    return byIncident.getOrDefault(incident, IncidentBudget.fresh());
  }

  public IncidentBudget apply(IncidentEvent event) {
    return byIncident.compute(
        event.incidentId(),
        (id, budget) -> (budget == null ? IncidentBudget.fresh() : budget).apply(event, settings));
  }

  public int size() {
    return byIncident.size();
  }
}
