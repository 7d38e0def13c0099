package io.backstop.cli.audit;

import io.backstop.cli.ExitCodes;
import io.backstop.events.IncidentEvent;
import io.backstop.events.audit.ChainVerification;
import io.backstop.events.audit.Timeline;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.id.IncidentId;
import io.backstop.stream.audit.AuditLog;
import io.backstop.stream.audit.UnreadableRecord;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code backstop incident show ID}: one incident's timeline in causal order and the verification
 * of its hash chain. Exits 1 when the chain is broken or a record of the incident is unreadable.
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Show one incident's timeline, in causal order, and verify its hash chain.",
      "Exits 1 when the incident is unknown, its chain is broken or one of its records is"
          + " unreadable."
    })
public final class IncidentShowCommand implements Callable<Integer> {

  @Parameters(paramLabel = "ID", description = "The incident id.")
  String incident;

  @Option(names = "--json", description = "Print every event in full, as JSON.")
  boolean json;

  @Mixin AuditReading reading;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    IncidentId id = IncidentId.of(incident);
    AuditLog log = reading.reader().readIncident(id);
    Timeline timeline = log.timeline(id);
    List<UnreadableRecord> unreadable = log.unreadable(id);
    if (timeline.events().isEmpty() && unreadable.isEmpty()) {
      out.println("No events for incident " + id + " in the audit log.");
      return ExitCodes.CHECK_FAILED;
    }
    ChainVerification verification = timeline.verify();
    out.println("incident " + id + ": " + timeline.events().size() + " events");
    for (IncidentEvent event : timeline.events()) {
      out.println(TimelineText.eventLine(event, verification.firstBreak()));
      if (json) {
        out.println(EventCodec.encodePretty(event));
      }
    }
    unreadable.forEach(u -> out.println(TimelineText.unreadable(u)));
    out.println(TimelineText.verification(verification));
    return verification.isIntact() && unreadable.isEmpty() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }
}
