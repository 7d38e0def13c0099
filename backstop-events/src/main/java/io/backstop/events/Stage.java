package io.backstop.events;

/** The pipeline stage, and so the service, that emitted an event. */
public enum Stage {
  INTAKE("triage-service"),
  TRIAGE("triage-service"),
  DIAGNOSIS("diagnosis-service"),
  GUARDRAIL("guardrail-service"),
  EXECUTOR("executor-service"),
  ESCALATION("escalation-service");

  private final String service;

  Stage(String service) {
    this.service = service;
  }

  public String service() {
    return service;
  }
}
