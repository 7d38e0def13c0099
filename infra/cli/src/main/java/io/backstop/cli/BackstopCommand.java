package io.backstop.cli;

import io.backstop.cli.approvals.ApprovalsCommand;
import io.backstop.cli.audit.AuditCommand;
import io.backstop.cli.audit.IncidentCommand;
import io.backstop.cli.bench.BenchCommand;
import io.backstop.cli.chaos.ChaosCommand;
import io.backstop.cli.eval.EvalCommand;
import io.backstop.cli.eval.WhatifCommand;
import io.backstop.cli.guardrails.GuardrailsCommand;
import io.backstop.cli.run.DemoCommand;
import io.backstop.cli.run.ScenarioCommand;
import io.backstop.cli.stack.DownCommand;
import io.backstop.cli.stack.UpCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top command, {@code backstop}. Every subcommand is a small class of its own, registered here
 * and only here: <b>to add a subcommand, add its class to the {@code subcommands} list of the
 * {@code @Command} annotation below</b> (a command with subcommands of its own, like {@link
 * IncidentCommand}, registers those in its own annotation the same way).
 */
@Command(
    name = "backstop",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Backstop: an on-call SRE agent whose guardrails stop a confidently wrong model before it"
          + " acts.",
      "",
      "This command runs the local stack and reads what it did: every event of every incident is"
          + " kept, hash-chained, on the audit topic of Kafka.",
      ""
    },
    footer = {
      "",
      "Data lives under one directory: --home, else $BACKSTOP_HOME, else ./.backstop.",
      "Run `backstop COMMAND --help` for the options of a command."
    },
    subcommands = {
      UpCommand.class,
      DownCommand.class,
      DemoCommand.class,
      ScenarioCommand.class,
      IncidentCommand.class,
      ApprovalsCommand.class,
      AuditCommand.class,
      GuardrailsCommand.class,
      EvalCommand.class,
      WhatifCommand.class,
      BenchCommand.class,
      ChaosCommand.class,
    })
public final class BackstopCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
