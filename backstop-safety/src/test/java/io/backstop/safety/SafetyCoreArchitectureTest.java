package io.backstop.safety;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class SafetyCoreArchitectureTest {

  private final JavaClasses core =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.backstop.safety");

  @Test
  void safetyCoreImportsNoFrameworkKafkaKubernetesOrModelClient() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "org.apache.kafka..",
            "io.fabric8..",
            "org.springframework.ai..",
            "io.modelcontextprotocol..")
        .because("the safety core must stay pure: decisions, not adapters (CONVENTIONS 1)")
        .check(core);
  }

  @Test
  void importerSeesTheSafetyCore() {
    org.assertj.core.api.Assertions.assertThat(core.contain("io.backstop.safety.review.Review"))
        .isTrue();
  }
}
