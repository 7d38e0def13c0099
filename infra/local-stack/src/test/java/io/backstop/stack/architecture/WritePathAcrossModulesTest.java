package io.backstop.stack.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.backstop.executor.architecture.WritePathRules;
import org.junit.jupiter.api.Test;

/**
 * Only executor-service holds cluster write credentials, and only its narrow writer writes. Here,
 * with every module on the classpath, the rule is checked across all of Backstop's production code:
 * the five services, the safety core, the stream plumbing and the contract. (Simulators and the
 * naive baseline in {@code infra} write on purpose and are not Backstop.)
 */
class WritePathAcrossModulesTest {

  private static final JavaClasses BACKSTOP =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          // The rules' own test-jar carries a deliberate offender, to prove the rules catch one.
          .withImportOption(location -> !location.contains("-tests.jar"))
          .importPackages(
              "io.backstop.triage",
              "io.backstop.diagnosis",
              "io.backstop.guardrail",
              "io.backstop.executor",
              "io.backstop.escalation",
              "io.backstop.safety",
              "io.backstop.stream",
              "io.backstop.events");

  @Test
  void importsEveryService() {
    org.assertj.core.api.Assertions.assertThat(BACKSTOP.stream().map(c -> c.getPackageName()))
        .anyMatch(p -> p.startsWith("io.backstop.triage"))
        .anyMatch(p -> p.startsWith("io.backstop.guardrail"))
        .anyMatch(p -> p.startsWith("io.backstop.executor"));
  }

  @Test
  void nothingButTheExecutorsWriterCallsAFabric8WriteVerb() {
    WritePathRules.onlyTheWriterCallsFabric8WriteVerbs().check(BACKSTOP);
  }

  @Test
  void nothingOutsideTheExecutorReachesTheWriter() {
    WritePathRules.nothingOutsideTheExecutorReachesTheWriter().check(BACKSTOP);
  }
}
