package io.backstop.cli.audit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code backstop audit}: checks over the whole audit log. Subcommands register here. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Check the audit log.",
    subcommands = {AuditVerifyCommand.class, AuditExportCommand.class})
public final class AuditCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
