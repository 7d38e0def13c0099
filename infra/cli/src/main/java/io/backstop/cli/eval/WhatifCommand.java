package io.backstop.cli.eval;

import io.backstop.cli.ExitCodes;
import io.backstop.cli.audit.AuditReading;
import io.backstop.eval.whatif.AuditFile;
import io.backstop.eval.whatif.Change;
import io.backstop.eval.whatif.WhatIf;
import io.backstop.events.IncidentEvent;
import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.safety.policy.PolicyBook;
import io.backstop.safety.policy.PolicyFileException;
import io.backstop.scenario.load.DurationText;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code backstop whatif --policy FILE}: re-judges every proposal recorded in a running stack's
 * audit log (or an exported one) under another policy file, with no side effects, and lists each
 * decision that would change with the verdicts that change it.
 */
@Command(
    name = "whatif",
    mixinStandardHelpOptions = true,
    description = {
      "Re-judge the recorded incidents under another policy file, without side effects, and list",
      "each decision that would change (e.g. APPROVE -> ESCALATE) with the verdict that changed it.",
      "Reads the running stack's audit log, or --audit-file. Exits 3 when an input cannot be read."
    })
public final class WhatifCommand implements Callable<Integer> {

  @Option(
      names = "--policy",
      required = true,
      paramLabel = "FILE",
      description = "The policy file to re-judge by.")
  Path policy;

  @Option(
      names = "--since",
      paramLabel = "DURATION",
      description = "Only proposals from the last DURATION (e.g. 24h, 7d); default: all.")
  String since;

  @Option(
      names = "--audit-file",
      paramLabel = "FILE",
      description = "An audit log exported with `backstop audit export` instead of the stack's.")
  Path auditFile;

  @Mixin AuditReading reading;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PolicyBook book;
    List<IncidentEvent> events;
    Instant from;
    try {
      book = PolicyBook.load(policy);
      from = since == null ? Instant.MIN : Instant.now().minus(DurationText.parse(since));
      events = auditFile != null ? AuditFile.read(auditFile) : reading.reader().readAll().events();
    } catch (PolicyFileException
        | IllegalArgumentException
        | IllegalStateException
        | UncheckedIOException e) {
      err.println("backstop: " + e.getMessage());
      return ExitCodes.FAILED;
    }
    WhatIf.Result result = new WhatIf(book).rejudge(events, from);
    out.printf(
        "Re-judged %d recorded proposal(s) under %s: %d decision(s) would change.%n",
        result.proposals(), policy, result.changes().size());
    if (result.unrecorded() > 0) {
      out.printf(
          "(%d proposal(s) had no recorded guardrail decision and were skipped.)%n",
          result.unrecorded());
    }
    for (Change c : result.changes()) {
      out.printf(
          "%n%s at %s (%s):%n  %s -> %s%n",
          c.incident(),
          c.at(),
          c.answeredBy(),
          describe(c.was().name(), c.wasAction()),
          describe(c.wouldBe().name(), c.wouldBeAction()));
      for (PolicyVerdict v : c.nowFailing()) {
        out.printf("  now %s: %s: %s%n", v.outcome(), v.policyId(), v.reason());
      }
      for (PolicyVerdict v : c.noLongerFailing()) {
        out.printf("  no longer %s: %s: %s%n", v.outcome(), v.policyId(), v.reason());
      }
    }
    return ExitCodes.OK;
  }

  private static String describe(String outcome, ApprovedAction action) {
    if (action == null) {
      return outcome;
    }
    String to =
        action.toRevision() != null
            ? " to revision " + action.toRevision()
            : action.replicas() != null ? " to " + action.replicas() : "";
    return outcome + " " + action.type() + " " + action.target().name() + to;
  }
}
