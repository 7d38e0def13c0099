package io.backstop.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.eval.corpus.CaseSignals;
import io.backstop.eval.corpus.CorpusException;
import io.backstop.eval.corpus.CorpusLoader;
import io.backstop.events.fixtures.Revisions;
import io.backstop.events.signal.Revision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A corpus file that cannot be used is a named error: file, line and field. */
class CorpusLoaderTest {

  private static final String VALID =
      """
      id: tiny
      title: a tiny case
      category: bad-deploy-code
      source: "a unit test"
      namespace: shop
      alert: { workload: api }
      onsetAgo: 5m
      workloads:
        - name: api
          revisions:
            - { revision: 1, sha: "1111111111111111111111111111111111111111", ago: 3d, health: HEALTHY }
            - { revision: 2, sha: "2222222222222222222222222222222222222222", ago: 10m, health: UNHEALTHY }
      evidence:
        - { id: E1, kind: POD, workload: api, text: "CrashLoopBackOff" }
      symptoms:
        - { kind: CRASH_LOOP, workload: api, evidence: [E1] }
      outputs:
        - name: honest
          diagnosis:
            hypothesis: "revision 2 crashes"
            resource: api
            sha: "2222222"
            confidence: 0.9
            cited: [E1]
            action: { type: ROLLBACK, target: api, revision: 1, sha: "1111111" }
          expect: { kind: fix, action: { type: ROLLBACK, target: api, revision: 1 } }
      """;

  @TempDir Path dir;

  @Test
  void loadsAValidCase() throws IOException {
    write("tiny", VALID);

    assertThat(CorpusLoader.load(dir).cases())
        .singleElement()
        .satisfies(c -> assertThat(c.id()).isEqualTo("tiny"));
  }

  @Test
  void aRevisionSpecSettingEveryFieldReachesEveryComponentOfTheContractsRevision()
      throws IOException {
    write(
        "tiny",
        VALID.replace(
            "{ revision: 2, sha: \"2222222222222222222222222222222222222222\", ago: 10m,"
                + " health: UNHEALTHY }",
            "{ revision: 2, image: \"registry.local/shop/api:v2\","
                + " sha: \"2222222222222222222222222222222222222222\", shaOrigin: INHERITED,"
                + " templateHash: 7d9f8c6b5, ago: 10m, cause: \"deploy PR #12\", current: true,"
                + " health: UNHEALTHY, healthReason: \"its pods crash-loop\","
                + " missingConfig: [\"secret/api-key\"], unverifiedConfig: [\"configmap/api-flags\"],"
                + " schemaMigration: \"init container db-migrate: flyway\","
                + " pods: { desired: 3, ready: 1 } }"));

    Revision read =
        CaseSignals.signals(CorpusLoader.load(dir).cases().get(0))
            .rollouts()
            .get(0)
            .revisions()
            .stream()
            .filter(r -> r.revision() == 2)
            .findFirst()
            .orElseThrow();

    assertThat(Revisions.differingComponents(read, Revisions.minimal()))
        .as("a Revision component the corpus cannot set")
        .containsExactlyElementsOf(Revisions.componentNames());
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'  - { id: E1, kind: POD, workload: api, text: \"CrashLoopBackOff\" }'|'  - { id: E1, kind: POD, workload: api, text: \"x\", colour: red }'|colour",
        "'evidence: [E1] }'|'evidence: [E9] }'|E9 is not in the case's evidence",
        "'{ kind: CRASH_LOOP,'|'{ kind: CRASH_LOOPING,'|is not a SymptomKind",
        "'alert: { workload: api }'|'alert: { workload: apl }'|workload 'apl'",
        "'expect: { kind: fix,'|'expect: { kind: maybe,'|expect.kind must be fix, human or wrong",
        "'onsetAgo: 5m'|'onsetAgo: five minutes'|must be a duration",
        "'id: tiny'|'id: other'|must be the file's name",
        "'ago: 3d, health: HEALTHY }'|'ago: 3d, health: HEALTHY, missingConfig: [\"vault/api-db\"] }'|must be secret/<name> or configmap/<name>"
      })
  void aBrokenCaseIsANamedErrorWithItsLine(String from, String to, String problem)
      throws IOException {
    write("tiny", VALID.replace(from, to));

    assertThatThrownBy(() -> CorpusLoader.load(dir))
        .isInstanceOf(CorpusException.class)
        .hasMessageContaining("tiny.yaml:")
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(((CorpusException) e).line()).isPositive());
  }

  @Test
  void aConfigChangeSaysHowThePodsReferenceIt() throws IOException {
    write("tiny", VALID.replace("symptoms:", configChange("[SUB_PATH, VOLUME]") + "symptoms:"));

    var change = CorpusLoader.load(dir).cases().get(0).findings().configChanges().get(0);
    assertThat(change.referencedAs()).containsExactly("SUB_PATH", "VOLUME");
    assertThat(change.changedBy()).isEqualTo("m.okafor");
  }

  @Test
  void anUnknownReferenceModeIsANamedError() throws IOException {
    write("tiny", VALID.replace("symptoms:", configChange("[MOUNTED]") + "symptoms:"));

    assertThatThrownBy(() -> CorpusLoader.load(dir))
        .isInstanceOf(CorpusException.class)
        .hasMessageContaining("tiny.yaml:")
        .hasMessageContaining("referencedAs")
        .hasMessageContaining("'MOUNTED' is not a Reference");
  }

  @Test
  void aNetworkPolicyFindingNeedsWhenItChanged() throws IOException {
    write(
        "tiny",
        VALID.replace(
            "symptoms:",
            "findings:\n  networkPolicies:\n    - { name: api-egress, workload: api,"
                + " allowsDns: false }\nsymptoms:"));

    assertThatThrownBy(() -> CorpusLoader.load(dir))
        .isInstanceOf(CorpusException.class)
        .hasMessageContaining("networkPolicies")
        .hasMessageContaining("changedAgo is required");
  }

  private static String configChange(String referencedAs) {
    return "findings:\n  configChanges:\n    - { workload: api, kind: ConfigMap, name: api-flags,"
        + " changedAgo: 6m, oldestPodStartedAgo: 2d, referencedAs: "
        + referencedAs
        + ", changedBy: m.okafor }\n";
  }

  @Test
  void aDirectoryWithoutCasesIsNotACorpus() {
    assertThatThrownBy(() -> CorpusLoader.load(dir))
        .isInstanceOf(CorpusException.class)
        .hasMessageContaining("no cases/ directory");
  }

  private void write(String id, String text) throws IOException {
    Files.createDirectories(dir.resolve("cases"));
    Files.writeString(dir.resolve("cases").resolve(id + ".yaml"), text);
  }
}
