package io.backstop.events.alert;

/** Whether the alert source says the condition is firing or resolved. */
public enum AlertStatus {
  FIRING,
  RESOLVED
}
