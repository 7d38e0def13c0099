package io.backstop.cli.audit;

import io.backstop.cli.ExitCodes;
import io.backstop.events.audit.ChainVerification;
import io.backstop.events.audit.Timeline;
import io.backstop.stream.audit.AuditLog;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code backstop audit verify}: verifies the hash chain of every incident and reports every record
 * that is not an event. Fails closed: any break or unreadable record exits 1.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify the hash chain of every incident in the audit log.",
      "Exits 1 when any chain is broken or any audit record cannot be read."
    })
public final class AuditVerifyCommand implements Callable<Integer> {

  @Mixin AuditReading reading;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    AuditLog log = reading.reader().readAll();
    int broken = 0;
    for (Timeline timeline : log.timelines().values()) {
      ChainVerification verification = timeline.verify();
      if (!verification.isIntact()) {
        broken++;
      }
      out.println(timeline.incident().value() + ": " + TimelineText.verification(verification));
    }
    log.unreadable().forEach(u -> out.println(TimelineText.unreadable(u)));
    out.println(
        log.timelines().size()
            + " incident(s), "
            + log.events().size()
            + " event(s): "
            + broken
            + " broken chain(s), "
            + log.unreadable().size()
            + " unreadable record(s)");
    return broken == 0 && log.unreadable().isEmpty() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }
}
