package io.backstop.executor.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.backstop.executor.kubernetes.DeploymentWriter;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WritePathArchitectureTest {

  static final JavaClasses EXECUTOR =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.backstop.executor");

  /**
   * Every Backstop production class on this module's classpath: events, stream, safety and the
   * executor. The sandbox simulator and scenarios (test dependencies here) are not production code.
   */
  static final JavaClasses ALL_BACKSTOP =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(location -> !location.contains("-tests.jar"))
          .withImportOption(
              location -> !location.contains("sandbox-cluster") && !location.contains("scenarios"))
          .importPackages("io.backstop");

  @Test
  void onlyTheDeploymentWriterCallsAFabric8WriteVerb() {
    WritePathRules.onlyTheWriterCallsFabric8WriteVerbs().check(EXECUTOR);
  }

  @Test
  void theExecutorNamesNoStatefulSetSecretConfigMapServiceNamespaceNodeOrExecApi() {
    WritePathRules.noForbiddenKindOrExec().check(EXECUTOR);
  }

  @Test
  void noOtherModuleOnTheClasspathReachesTheWriteClientOrWrites() {
    assertThat(ALL_BACKSTOP.containPackage("io.backstop.safety")).isTrue();
    assertThat(ALL_BACKSTOP.containPackage("io.backstop.stream")).isTrue();
    WritePathRules.nothingOutsideTheExecutorReachesTheWriter().check(ALL_BACKSTOP);
  }

  @Test
  void theWriterOffersExactlyTheThreeWritesAndAnAdmissionCheck() {
    Set<String> publicMethods =
        EXECUTOR.get(DeploymentWriter.class).getMethods().stream()
            .filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC))
            .map(JavaMethod::getName)
            .collect(Collectors.toSet());

    assertThat(publicMethods)
        .containsExactlyInAnyOrder("rollback", "restart", "scale", "admissionCheck");
  }

  @Test
  void theRulesCatchAWriteOutsideTheWriter() {
    JavaClasses offender = new ClassFileImporter().importClasses(Offender.class);

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> WritePathRules.onlyTheWriterCallsFabric8WriteVerbs().check(offender))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("delete");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> WritePathRules.noForbiddenKindOrExec().check(offender))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("secrets");
  }

  /** A class that breaks the rules, to prove they bite. Never called. */
  static final class Offender {
    void deleteEverything(io.fabric8.kubernetes.client.KubernetesClient client) {
      client.secrets().inNamespace("shop").delete();
    }
  }
}
