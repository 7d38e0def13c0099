package io.backstop.cli.approvals;

import io.backstop.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code backstop approvals show ID}: one approval with its exact patch, verdicts and decisions.
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description =
        "Show one approval: the exact write as a diff and as the JSON Patch sent, why a person must decide, every verdict, the decisions so far.")
public final class ApprovalShowCommand implements Callable<Integer> {

  @Mixin ConsoleConnection connection;

  @Parameters(paramLabel = "ID", description = "The approval (its action id).")
  String id;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      ConsoleClient client = connection.client();
      ConsoleClient.Answer answer = client.get("/api/v1/approvals/" + id);
      if (!answer.ok()) {
        return Refusal.print(spec, answer);
      }
      JsonNode a = answer.body();
      out.println(a.path("patch").asString());
      out.printf("  status:      %s%n", a.path("status").asString());
      out.printf("  incident:    %s%n", a.path("incident").asString());
      out.printf(
          "  lapses at:   %s (%ss left)%n",
          a.path("expiresAt").asString(), a.path("secondsLeft").asLong());
      out.printf(
          "  approvals:   %d of %d %s%n",
          a.path("approvedBy").size(), a.path("approversRequired").asInt(), a.path("approvedBy"));
      out.printf(
          "  why a person: %s — %s%n", a.path("reason").asString(), a.path("summary").asString());
      out.printf(
          "  diagnosis:   %s, confidence %s: %s%n",
          a.path("answeredBy").asString(),
          a.path("confidence").asString(),
          a.path("hypothesis").asString());
      section(out, "the exact write", a.path("diff"));
      out.println("JSON Patch as sent:");
      out.println(
          io.backstop.events.codec.EventCodec.mapper()
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(a.path("deploymentPatch")));
      section(out, "at the write", a.path("atWrite"));
      section(out, "verdicts", a.path("verdicts"));
      section(out, "decisions", a.path("decisions"));
      section(out, "refusals", a.path("refusals"));
      if (a.has("outcome")) {
        out.println("executor: " + a.path("outcome").asString());
      }
      out.println(
          "console: " + client.base().toString().replaceAll("/+$", "") + "/approvals/" + id);
      return ExitCodes.OK;
    } catch (ConsoleClient.ConsoleException e) {
      return Refusal.failed(spec, e);
    }
  }

  private static void section(PrintWriter out, String title, JsonNode lines) {
    if (lines == null || lines.isMissingNode() || lines.isEmpty()) {
      return;
    }
    out.println(title + ":");
    for (JsonNode line : lines) {
      out.println("  " + line.asString());
    }
  }
}
