package io.backstop.cli.audit;

import io.backstop.cli.ExitCodes;
import io.backstop.eval.whatif.AuditFile;
import io.backstop.events.IncidentEvent;
import io.backstop.stream.audit.AuditLog;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code backstop audit export --out FILE}: every event of the audit log, one JSON document per
 * line, in time order; `backstop whatif --audit-file` reads it back with each line's hash checked.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Export the audit log as JSON Lines (one event per line, in time order), for",
      "`backstop whatif --audit-file` or any other reader. Exits 1 if a record is unreadable."
    })
public final class AuditExportCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write.")
  Path out;

  @Mixin AuditReading reading;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    AuditLog log = reading.reader().readAll();
    List<IncidentEvent> events =
        log.events().stream()
            .sorted(Comparator.comparing((IncidentEvent e) -> e.header().occurredAt()))
            .toList();
    try {
      AuditFile.write(out, events);
    } catch (UncheckedIOException e) {
      spec.commandLine().getErr().println("backstop: " + e.getMessage());
      return ExitCodes.FAILED;
    }
    stdout.printf(
        "Exported %d event(s) of %d incident(s) to %s.%n",
        events.size(), log.incidents().size(), out);
    if (!log.unreadable().isEmpty()) {
      stdout.printf(
          "%d record(s) could not be read and were not exported.%n", log.unreadable().size());
      return ExitCodes.CHECK_FAILED;
    }
    return ExitCodes.OK;
  }
}
