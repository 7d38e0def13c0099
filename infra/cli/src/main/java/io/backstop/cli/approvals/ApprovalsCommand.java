package io.backstop.cli.approvals;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code backstop approvals}: list, show, approve and deny pending approvals. */
@Command(
    name = "approvals",
    mixinStandardHelpOptions = true,
    description = {
      "Pending approvals, over the console's API: the same checks, roles and audit as the web"
          + " console. The guardrail has the last word on every decision."
    },
    subcommands = {
      ApprovalListCommand.class,
      ApprovalShowCommand.class,
      ApprovalDecideCommand.Approve.class,
      ApprovalDecideCommand.Deny.class
    })
public final class ApprovalsCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
