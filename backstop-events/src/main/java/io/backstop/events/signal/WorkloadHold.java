package io.backstop.events.signal;

import io.backstop.events.Require;

/**
 * A hold its owners declared on a workload: planned maintenance, a migration, a deliberate
 * scale-down. While it stands, the workload's state is theirs on purpose, and an automated write
 * (restoring replicas someone removed, a restart, a rollback) would undo a person's decision in the
 * middle of their work. {@code reason} is what the owners wrote (redacted by triage, as any text it
 * reads); {@code source} the metadata that declares it, for messages ({@code annotation
 * backstop.io/hold}).
 */
public record WorkloadHold(String reason, String source) {

  public WorkloadHold {
    Require.text(source, "hold.source");
    reason = reason == null ? "" : reason;
  }

  /** {@code 'CHG-3310 card-vault migration' (annotation shop.io/maintenance)}, for messages. */
  public String describe() {
    return (reason.isBlank() ? "no reason given" : "'" + reason + "'") + " (" + source + ")";
  }
}
