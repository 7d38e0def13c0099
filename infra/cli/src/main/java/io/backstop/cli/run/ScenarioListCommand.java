package io.backstop.cli.run;

import io.backstop.scenario.Scenario;
import io.backstop.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code backstop scenario list}: the shipped scenarios and what each expects. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the shipped scenarios.")
public final class ScenarioListCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    for (Scenario scenario : ScenarioLoader.shipped()) {
      out.printf(
          "%-30s expects %s%n",
          scenario.name(),
          scenario.expected().outcome()
              + (scenario.expected().reason() == null
                  ? ""
                  : " (" + scenario.expected().reason() + ")"));
    }
    out.flush();
    return 0;
  }
}
