package io.backstop.cli.approvals;

import io.backstop.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backstop approvals approve|deny ID --comment ...}: one person's decision. */
abstract class ApprovalDecideCommand implements Callable<Integer> {

  @Mixin ConsoleConnection connection;

  @Parameters(paramLabel = "ID", description = "The approval (its action id).")
  String id;

  @Option(
      names = "--comment",
      required = true,
      paramLabel = "TEXT",
      description = "Why (required): what you checked.")
  String comment;

  @Spec CommandSpec spec;

  abstract String verb();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      ConsoleClient.Answer answer =
          connection
              .client()
              .post("/api/v1/approvals/" + id + "/" + verb(), Map.of("comment", comment));
      if (!answer.ok()) {
        return Refusal.print(spec, answer);
      }
      out.printf(
          "%s by %s sent to the guardrail (decision %s). It re-checks expiry, approvers, the hard"
              + " rules and the breaker; follow it with `backstop approvals show %s`.%n",
          verb().equals("approve") ? "Approval" : "Denial",
          answer.body().path("principal").asString(),
          answer.body().path("decision").asString(),
          id);
      return ExitCodes.OK;
    } catch (ConsoleClient.ConsoleException e) {
      return Refusal.failed(spec, e);
    }
  }

  /** {@code approve}. */
  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = "Approve the exact write of a pending approval (approver role).")
  static final class Approve extends ApprovalDecideCommand {
    @Override
    String verb() {
      return "approve";
    }
  }

  /** {@code deny}. */
  @Command(
      name = "deny",
      mixinStandardHelpOptions = true,
      description =
          "Deny a pending approval (approver role): nothing is written, a human takes over.")
  static final class Deny extends ApprovalDecideCommand {
    @Override
    String verb() {
      return "deny";
    }
  }
}
