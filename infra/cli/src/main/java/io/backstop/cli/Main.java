package io.backstop.cli;

import io.backstop.localkafka.StackHome;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Entry point of the runnable jar: {@code java -jar backstop-cli.jar <command>}. */
public final class Main {

  /** Where library and broker logs go; set before anything logs. */
  public static final String LOG_FILE_PROPERTY = "backstop.log.file";

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs one command line and returns its exit code; the tests call this directly. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return commandLine(out, err).execute(args);
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cmd = new CommandLine(new BackstopCommand());
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setExecutionStrategy(Main::execute);
    cmd.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println("backstop: " + ex.getMessage());
          commandLine.getErr().flush();
          return ExitCodes.FAILED;
        });
    return cmd;
  }

  private static int execute(ParseResult parseResult) {
    ParseResult leaf = parseResult;
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    Path homeOption = leaf.matchedOptionValue("--home", null);
    logTo(StackHome.resolve(homeOption, System.getenv()));
    return new CommandLine.RunLast().execute(parseResult);
  }

  private static void logTo(StackHome home) {
    if (System.getProperty(LOG_FILE_PROPERTY) != null) {
      return;
    }
    // Logback creates the file and its directory on first use, so --help writes nothing.
    System.setProperty(LOG_FILE_PROPERTY, home.logs().resolve("backstop.log").toString());
  }
}
