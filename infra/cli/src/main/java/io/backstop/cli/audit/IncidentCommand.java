package io.backstop.cli.audit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code backstop incident}: incidents as the audit log tells them. Subcommands register here. */
@Command(
    name = "incident",
    mixinStandardHelpOptions = true,
    description = "Read incidents back from the audit log.",
    subcommands = {IncidentListCommand.class, IncidentShowCommand.class})
public final class IncidentCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
