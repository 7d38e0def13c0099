package io.backstop.diagnosis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The LLM boundary and the framework-free core, checked on the compiled classes. */
class ArchitectureTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.backstop.diagnosis");

  @Test
  void springAiAndTheOpenAiSdkStayInTheLlmPackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.backstop.diagnosis.llm..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework.ai..", "com.openai..")
        .check(CLASSES);
  }

  @Test
  void theChainTheAnalyzerAndThePromptKnowNoFrameworkAndNoKafka() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.backstop.diagnosis.chain..",
            "io.backstop.diagnosis.analyzer..",
            "io.backstop.diagnosis.prompt..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "org.apache.kafka..",
            "io.backstop.stream..",
            "io.backstop.diagnosis.llm..")
        .check(CLASSES);
  }
}
