package io.backstop.cli.run;

import picocli.CommandLine.Command;

/** {@code backstop scenario}: run and list scenarios. */
@Command(
    name = "scenario",
    mixinStandardHelpOptions = true,
    description = "Run scenarios end to end through a fresh local stack, or list the shipped ones.",
    subcommands = {ScenarioRunCommand.class, ScenarioListCommand.class})
public final class ScenarioCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
