package io.backstop.cli.guardrails;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code backstop guardrails}: the guardrail's judgement, offline. */
@Command(
    name = "guardrails",
    mixinStandardHelpOptions = true,
    description = {"Judge proposals with the guardrails (the same review guardrail-service runs)."},
    subcommands = {EvaluateCommand.class})
public final class GuardrailsCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
