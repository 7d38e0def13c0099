package io.backstop.cli.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.cli.Main;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Decisions;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.safety.Guardrails;
import io.backstop.safety.budget.IncidentBudget;
import io.backstop.safety.review.Evaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class GuardrailsEvaluateCommandTest {

  @TempDir Path dir;

  @Test
  void approvesTheHonestRollbackWithTheSameVerdictsAsTheGuardrailsReview() throws IOException {
    DiagnosisProposed honest = Diagnoses.honestRollback();
    var out = new StringWriter();

    int code = evaluate(honest, out, new StringWriter());

    assertThat(code).isZero();
    JsonNode printed = EventCodec.mapper().readTree(out.toString());
    assertThat(printed.get("decision").asString()).isEqualTo("APPROVE");
    assertThat(printed.get("action").get("toRevision").asLong()).isEqualTo(2L);
    Guardrails guardrails = Guardrails.load(Optional.empty(), Fixtures.CLOCK);
    Evaluation direct =
        Evaluation.of(
            guardrails.review().evaluate(honest, IncidentBudget.fresh(), guardrails.breakers()));
    assertThat(printed.get("verdicts"))
        .isEqualTo(EventCodec.mapper().valueToTree(direct).get("verdicts"));
  }

  @Test
  void rejectsTheHallucinatedRollbackAndExitsOne() throws IOException {
    var out = new StringWriter();

    int code = evaluate(Diagnoses.hallucinatedRollbackAll(), out, new StringWriter());

    assertThat(code).isEqualTo(1);
    JsonNode printed = EventCodec.mapper().readTree(out.toString());
    assertThat(printed.get("decision").asString()).isEqualTo("REJECT_REROUTE");
    assertThat(printed.get("nextTier").asString()).isEqualTo("STRONG");
    assertThat(printed.toString()).contains("quality.sha-grounded");
  }

  @Test
  void aFileThatIsNotTheEventNamesTheFieldAndExitsThree() throws IOException {
    Path signals = Files.writeString(dir.resolve("signals.json"), "{\"type\":\"SignalsGathered\"}");
    Path diagnosis =
        Files.writeString(
            dir.resolve("diagnosis.json"), EventCodec.encodeToString(Diagnoses.honestRollback()));
    var err = new StringWriter();

    int code =
        Main.run(
            new String[] {
              "guardrails",
              "evaluate",
              "--signals",
              signals.toString(),
              "--diagnosis",
              diagnosis.toString()
            },
            new PrintWriter(new StringWriter()),
            new PrintWriter(err));

    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).contains("signals.json is not a SignalsGathered: field '");
  }

  @Test
  void withAPriorWriteInTheSameIncidentTheHonestRollbackIsRefused() throws IOException {
    DiagnosisProposed honest = Diagnoses.honestRollback();
    Path prior =
        Files.writeString(
            dir.resolve("prior.jsonl"),
            EventCodec.encodeToString(Decisions.rollbackApproved()) + "\n");
    var out = new StringWriter();

    int code = evaluate(honest, out, new StringWriter(), "--prior", prior.toString());

    assertThat(code).isEqualTo(1);
    JsonNode printed = EventCodec.mapper().readTree(out.toString());
    assertThat(printed.get("decision").asString()).isEqualTo("ESCALATE");
    assertThat(printed.toString()).contains("action.one-write-per-incident");
  }

  @Test
  void anEditedPriorIsANamedErrorAndExitsThree() throws IOException {
    String approved = EventCodec.encodeToString(Decisions.rollbackApproved());
    Path prior =
        Files.writeString(
            dir.resolve("prior.jsonl"),
            approved.replace("\"budgetLeft\":", "\"budgetLeft\":9") + "\n");
    var err = new StringWriter();

    int code =
        evaluate(Diagnoses.honestRollback(), new StringWriter(), err, "--prior", prior.toString());

    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).contains("prior.jsonl:1");
  }

  private int evaluate(
      DiagnosisProposed diagnosis, StringWriter out, StringWriter err, String... more)
      throws IOException {
    Path signals =
        Files.writeString(
            dir.resolve("signals.json"), EventCodec.encodeToString(diagnosis.signals()));
    Path proposal =
        Files.writeString(dir.resolve("diagnosis.json"), EventCodec.encodeToString(diagnosis));
    List<String> args =
        new ArrayList<>(
            List.of(
                "guardrails",
                "evaluate",
                "--signals",
                signals.toString(),
                "--diagnosis",
                proposal.toString()));
    args.addAll(List.of(more));
    return Main.run(
        args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
  }
}
