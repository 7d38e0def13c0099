package io.backstop.eval;

import io.backstop.eval.corpus.CaseProposals;
import io.backstop.eval.corpus.CaseSignals;
import io.backstop.eval.corpus.Corpus;
import io.backstop.eval.corpus.CorpusLoader;
import io.backstop.eval.corpus.EvalCase;
import io.backstop.eval.corpus.ModelOutput;
import io.backstop.eval.corpus.PriorEvents;
import io.backstop.eval.run.Evaluator;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.events.codec.EventCodec;
import io.backstop.guardrail.state.GuardrailState;
import io.backstop.safety.Guardrails;
import io.backstop.safety.breaker.Breakers;
import io.backstop.safety.breaker.NamespaceBreaker;
import io.backstop.safety.facts.ProposedWrite;
import io.backstop.safety.facts.Subject;
import io.backstop.safety.gate.SubjectFacts;
import io.backstop.safety.policy.PolicyBook;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A digest of everything the review says about every output of the corpus, to show that a change
 * meant to make the review cheaper changed no decision: run it before and after, and compare. Per
 * output it renders the whole {@code Decision} (every gate's every verdict, policy id and reason,
 * the summary, the approved action and preconditions, what a person may approve), the event the
 * guardrail's consumer would emit for it (as canonical JSON), and every fact the review computes on
 * the way (from the case's prior state, as the review builds them). Not a test: the decisions are
 * meant to change when a rule does; {@code CorpusRatchetTest} and {@code SamePathTest} judge them.
 *
 * <p>Run from {@code infra/eval} with the test classpath: {@code java -cp ...
 * io.backstop.eval.DecisionDigest [file]}; it prints one SHA-256 over all outputs and, when given a
 * file, writes every output's rendering there to diff.
 */
public final class DecisionDigest {

  private DecisionDigest() {}

  public static void main(String[] args) throws IOException {
    Corpus corpus = CorpusLoader.load(Path.of("").toAbsolutePath());
    PolicyBook book = PolicyBook.loadDefault();
    Evaluator evaluator = new Evaluator(book);
    MessageDigest all = sha256();
    List<String> lines = new ArrayList<>();
    for (EvalCase c : corpus.cases()) {
      SignalsGathered signals = CaseSignals.signals(c);
      for (ModelOutput o : c.outputs()) {
        DiagnosisProposed proposal = CaseProposals.proposal(c, o, signals);
        String rendered =
            "decision "
                + evaluator.decide(c, proposal)
                + "\nemitted "
                + canonical(evaluator.reviewer(c, signals).review(proposal))
                + "\nfacts "
                + facts(book, c, proposal);
        byte[] bytes = rendered.getBytes(StandardCharsets.UTF_8);
        all.update(bytes);
        lines.add("== " + c.id() + "/" + o.name() + "\n" + rendered);
      }
    }
    if (args.length > 0) {
      Files.write(Path.of(args[0]), lines, StandardCharsets.UTF_8);
    }
    System.out.println(
        lines.size() + " outputs, decisions digest " + HexFormat.of().formatHex(all.digest()));
  }

  /** The facts the review computes for this proposal, from the case's prior state as it does. */
  private static String facts(PolicyBook book, EvalCase c, DiagnosisProposed proposal) {
    Guardrails guardrails = Guardrails.of(book, Clock.fixed(c.now(), ZoneOffset.UTC));
    GuardrailState state = new GuardrailState(guardrails);
    PriorEvents.of(c, proposal.signals()).forEach(state::replay);
    Breakers breakers = state.breakers();
    Subject subject =
        new Subject(
            proposal,
            proposal.signals(),
            ProposedWrite.recommended(proposal),
            state.budget(proposal.incidentId()).writesApproved(),
            ref -> breakers.recentWritesTo(ref.namespace(), ref.name()),
            ref ->
                breakers
                    .settlingWriteTo(ref.namespace(), ref.name(), proposal.incidentId().value())
                    .map(NamespaceBreaker.DeploymentWrite::describe));
    SubjectFacts facts = SubjectFacts.of(subject, book.settings());
    return facts.facts().map(Object::toString).orElse("unavailable: " + facts.failure());
  }

  /** The event as canonical JSON: its maps' keys sorted, unlike a record's own rendering. */
  private static String canonical(IncidentEvent event) {
    return new String(EventCodec.canonical(event), StandardCharsets.UTF_8);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JDK", e);
    }
  }
}
