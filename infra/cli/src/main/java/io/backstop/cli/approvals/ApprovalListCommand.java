package io.backstop.cli.approvals;

import io.backstop.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code backstop approvals list}: the approvals, pending first. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List approvals: pending first (soonest to lapse first), then decided ones.")
public final class ApprovalListCommand implements Callable<Integer> {

  @Mixin ConsoleConnection connection;

  @Option(
      names = "--status",
      defaultValue = "all",
      description =
          "pending, approved, denied, expired, blocked or all (default: ${DEFAULT-VALUE}).")
  String status;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      ConsoleClient.Answer answer = connection.client().get("/api/v1/approvals?status=" + status);
      if (!answer.ok()) {
        return Refusal.print(spec, answer);
      }
      if (answer.body().isEmpty()) {
        out.println("No approvals.");
        return ExitCodes.OK;
      }
      out.printf(
          "%-36s  %-8s  %-9s  %-9s  %s%n",
          "ID", "STATUS", "LAPSES IN", "APPROVALS", "WRITE (INCIDENT)");
      for (JsonNode a : answer.body()) {
        out.printf(
            "%-36s  %-8s  %-9s  %-9s  %s (%s)%n",
            a.path("id").asString(),
            a.path("status").asString(),
            lapsesIn(a),
            a.path("approvedBy").size() + " of " + a.path("approversRequired").asInt(),
            a.path("patch").asString(),
            a.path("incident").asString());
      }
      return ExitCodes.OK;
    } catch (ConsoleClient.ConsoleException e) {
      return Refusal.failed(spec, e);
    }
  }

  /**
   * Seconds left while pending; {@code lapsed} once its time is up and before the guardrail's
   * expiry has closed it (a decision now is refused as expired); {@code -} once closed.
   */
  private static String lapsesIn(JsonNode a) {
    if (!a.path("status").asString().equals("PENDING")) {
      return "-";
    }
    long left = a.path("secondsLeft").asLong();
    return left > 0 ? left + "s" : "lapsed";
  }
}
