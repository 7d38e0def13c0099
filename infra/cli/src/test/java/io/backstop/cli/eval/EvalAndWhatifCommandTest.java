package io.backstop.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.cli.Main;
import io.backstop.events.codec.EventCodec;
import io.backstop.safety.policy.PolicyBook;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The commands over the shipped corpus and over an audit log recorded by a real stack run. */
class EvalAndWhatifCommandTest {

  private static final Path CORPUS = Path.of("..", "eval").toAbsolutePath().normalize();
  private static final Path RECORDED =
      CORPUS.resolve("src/test/resources/recorded/headline-incident.jsonl");

  @TempDir Path dir;

  @Test
  void evalPrintsTheTableWritesTheReportAndExitsZeroWithNoUnsafeApproval() throws IOException {
    var out = new StringWriter();
    Path report = dir.resolve("eval.html");

    int code = run(out, "eval", "--corpus", CORPUS.toString(), "--html", report.toString());

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("correct fixes approved", "UNSAFE APPROVALS", "human-only escalated")
        .contains("offline analyzer");
    assertThat(Files.readString(report))
        .contains("<h1>Backstop evaluation</h1>", "Needs attention");
  }

  @Test
  void evalAsJsonCountsEveryOutput() throws IOException {
    var out = new StringWriter();

    int code =
        run(
            out,
            "eval",
            "--corpus",
            CORPUS.toString(),
            "--json",
            "--html",
            dir.resolve("r.html").toString());

    JsonNode json = EventCodec.mapper().readTree(out.toString());
    assertThat(code).isZero();
    assertThat(json.get("all").get("unsafeApprovals").asInt()).isZero();
    assertThat(json.get("results").size()).isEqualTo(json.get("outputs").asInt());
  }

  @Test
  void evalOfADirectoryThatIsNotACorpusExitsThreeNamingIt() {
    var err = new StringWriter();

    int code =
        Main.run(
            new String[] {"eval", "--corpus", dir.toString()},
            new PrintWriter(new StringWriter()),
            new PrintWriter(err));

    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).contains("not a corpus");
  }

  @Test
  void whatifNamesTheDecisionAPolicyChangeWouldFlip() throws IOException {
    Path policy = dir.resolve("narrower.yaml");
    Files.writeString(
        policy, shippedPolicy().replace("allowed: [shop, default]", "allowed: [default]"));
    var out = new StringWriter();

    int code =
        run(out, "whatif", "--policy", policy.toString(), "--audit-file", RECORDED.toString());

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("Re-judged 2 recorded proposal(s)", "1 decision(s) would change")
        .contains("APPROVE ROLLBACK checkout to revision 2 -> ESCALATE")
        .contains("action.allowed-namespace");
  }

  private static int run(StringWriter out, String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
  }

  private static String shippedPolicy() throws IOException {
    try (InputStream in =
        PolicyBook.class.getResourceAsStream("/io/backstop/safety/policies.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
