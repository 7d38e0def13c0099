package io.backstop.cli.approvals;

import io.backstop.cli.ExitCodes;
import picocli.CommandLine.Model.CommandSpec;

/** How a refusal or a failure is told on the terminal, and the exit status it gives. */
final class Refusal {

  private Refusal() {}

  /** The console said no (401, 403, 404, 409, 400): exit 1. */
  static int print(CommandSpec spec, ConsoleClient.Answer answer) {
    String reason = answer.body().path("reason").asString("");
    spec.commandLine()
        .getErr()
        .println(
            "backstop: refused (HTTP "
                + answer.status()
                + (reason.isBlank() ? "" : ", " + reason)
                + "): "
                + answer.detail());
    return ExitCodes.CHECK_FAILED;
  }

  /** The console could not be asked: exit 3. */
  static int failed(CommandSpec spec, ConsoleClient.ConsoleException e) {
    spec.commandLine().getErr().println("backstop: " + e.getMessage());
    return ExitCodes.FAILED;
  }
}
