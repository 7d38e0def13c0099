package io.backstop.cli.audit;

import io.backstop.cli.ExitCodes;
import io.backstop.events.audit.Timeline;
import io.backstop.stream.audit.AuditLog;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code backstop incident list}: every incident in the audit log, with its chain status. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List every incident in the audit log with its event count and chain status.")
public final class IncidentListCommand implements Callable<Integer> {

  @Mixin AuditReading reading;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    AuditLog log = reading.reader().readAll();
    Map<?, Timeline> timelines = log.timelines();
    if (timelines.isEmpty()) {
      out.println("No incidents in the audit log.");
    } else {
      out.println(TimelineText.listHeader());
      timelines.values().forEach(t -> out.println(TimelineText.listRow(t)));
    }
    if (!log.unreadable().isEmpty()) {
      out.println(
          log.unreadable().size()
              + " audit record(s) could not be read; run `backstop audit verify`.");
    }
    return ExitCodes.OK;
  }
}
