package io.backstop.cli.guardrails;

import io.backstop.cli.ExitCodes;
import io.backstop.eval.whatif.AuditFile;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.codec.EventDecodingException;
import io.backstop.guardrail.review.ProposalReviewer;
import io.backstop.safety.Guardrails;
import io.backstop.safety.review.Decision;
import io.backstop.safety.review.Evaluation;
import io.backstop.safety.review.Outcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code backstop guardrails evaluate --signals F --diagnosis F [--prior F]}: judges a proposal
 * with the guardrail's own review path ({@code ProposalReviewer}, the one guardrail-service's
 * consumer and what-if endpoint use), from a fresh budget and closed breakers or from the past
 * given with {@code --prior}, at the proposal's time, and prints the decision as JSON. Exits 0 on
 * APPROVE, 1 on REJECT_REROUTE or ESCALATE, 3 when a file or the policy file cannot be read.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Judge a diagnosis against signals with the guardrails and print the decision as JSON:",
      "{decision, verdicts[], action, preconditions, escalationReason, nextTier, ...}.",
      "Exits 0 on APPROVE, 1 on REJECT_REROUTE or ESCALATE, 3 when an input cannot be read."
    })
public final class EvaluateCommand implements Callable<Integer> {

  @Option(
      names = "--signals",
      required = true,
      paramLabel = "FILE",
      description = "A SignalsGathered event as JSON (e.g. from `backstop incident show`).")
  Path signalsFile;

  @Option(
      names = "--diagnosis",
      required = true,
      paramLabel = "FILE",
      description = "A DiagnosisProposed event as JSON.")
  Path diagnosisFile;

  @Option(
      names = "--prior",
      paramLabel = "FILE",
      description = {
        "The past to judge against, as JSON Lines of events (e.g. from `backstop audit export`):",
        "the incident's earlier approvals, outcomes and re-routes, the namespace's recent writes.",
        "Budget, loop and breaker rules see them as the live guardrail would. Default: none."
      })
  Path priorFile;

  @Option(
      names = "--policy-file",
      paramLabel = "FILE",
      description = "A policy file to judge by instead of the default one shipped with Backstop.")
  Path policyFile;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SignalsGathered signals;
    DiagnosisProposed diagnosis;
    try {
      signals = read(signalsFile, SignalsGathered.class);
      diagnosis = read(diagnosisFile, DiagnosisProposed.class);
    } catch (UnreadableInput e) {
      err.println("backstop: " + e.getMessage());
      return ExitCodes.FAILED;
    }
    List<IncidentEvent> prior;
    try {
      prior = priorFile == null ? List.of() : AuditFile.read(priorFile);
    } catch (IllegalStateException | java.io.UncheckedIOException e) {
      err.println("backstop: " + e.getMessage());
      return ExitCodes.FAILED;
    }
    Clock clock = Clock.fixed(diagnosis.header().occurredAt(), ZoneOffset.UTC);
    Guardrails guardrails = Guardrails.load(Optional.ofNullable(policyFile), clock);
    Decision decision =
        ProposalReviewer.withHistory(guardrails, prior, clock).decide(signals, diagnosis);
    out.println(
        EventCodec.mapper()
            .writerWithDefaultPrettyPrinter()
            .writeValueAsString(Evaluation.of(decision)));
    return decision.outcome() == Outcome.APPROVE ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }

  private static <T extends IncidentEvent> T read(Path file, Class<T> type) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UnreadableInput("cannot read " + file + ": " + e.getMessage());
    }
    try {
      return EventCodec.decode(bytes, type);
    } catch (EventDecodingException e) {
      throw new UnreadableInput(
          file
              + " is not a "
              + type.getSimpleName()
              + ": field '"
              + e.field()
              + "': "
              + e.reason());
    }
  }

  /** An input file that cannot be read as the event it should hold. */
  private static final class UnreadableInput extends RuntimeException {
    UnreadableInput(String message) {
      super(message);
    }
  }
}
