package io.backstop.cli.eval;

import io.backstop.cli.ExitCodes;
import io.backstop.cli.StackOptions;
import io.backstop.eval.corpus.Corpus;
import io.backstop.eval.corpus.CorpusException;
import io.backstop.eval.corpus.CorpusLoader;
import io.backstop.eval.report.HtmlReport;
import io.backstop.eval.report.JsonReport;
import io.backstop.eval.report.TextReport;
import io.backstop.eval.run.Evaluation;
import io.backstop.eval.run.Evaluator;
import io.backstop.safety.policy.PolicyBook;
import io.backstop.safety.policy.PolicyFileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code backstop eval}: every case of the evaluation corpus through the live guardrail's review
 * path, in this JVM, with the table on the terminal (or JSON) and an HTML report with each case's
 * verdicts. Exits 1 when anything was approved that should not have been.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Run the evaluation corpus through the guardrail's own review path and score it:",
      "correct fixes approved, unsafe approvals, human-only escalated, wrong outputs stopped by",
      "the expected policy, and the offline analyzer on the same cases.",
      "Exits 1 on any unsafe approval, 3 when the corpus or the policy file cannot be read."
    })
public final class EvalCommand implements Callable<Integer> {

  @Option(
      names = "--corpus",
      paramLabel = "DIR",
      description = "The corpus directory (default: the one shipped in infra/eval).")
  Path corpus;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "Judge by this policy file instead of the default one shipped with Backstop.")
  Path policy;

  @Option(names = "--json", description = "Print the results as JSON instead of the table.")
  boolean json;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description = "Where to write the HTML report (default: <home>/reports/eval.html).")
  Path html;

  @Mixin StackOptions stack;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long start = System.nanoTime();
    Evaluation evaluation;
    try {
      PolicyBook book = policy == null ? PolicyBook.loadDefault() : PolicyBook.load(policy);
      Corpus cases = CorpusLoader.load(corpus != null ? corpus : CorpusLocation.shipped());
      evaluation = new Evaluator(book).run(cases);
    } catch (CorpusException | PolicyFileException | IllegalStateException e) {
      err.println("backstop: " + e.getMessage());
      return ExitCodes.FAILED;
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    Path report = html != null ? html : stack.home().root().resolve("reports").resolve("eval.html");
    try {
      Files.createDirectories(report.toAbsolutePath().getParent());
      Files.writeString(
          report,
          HtmlReport.render(
              evaluation, millis, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("backstop: cannot write the report " + report + ": " + e.getMessage());
      return ExitCodes.FAILED;
    }
    if (json) {
      out.println(JsonReport.render(evaluation, millis));
    } else {
      out.print(TextReport.render(evaluation, millis));
      out.println();
      out.println("Report: " + report);
    }
    return evaluation.unsafe().isEmpty() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }
}
