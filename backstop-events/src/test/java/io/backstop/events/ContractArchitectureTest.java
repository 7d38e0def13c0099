package io.backstop.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The contract is plain Java and Jackson: every service, the CLI and outside tools can read it. */
@AnalyzeClasses(
    packages = "io.backstop.events",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ContractArchitectureTest {

  @ArchTest
  static final ArchRule contractDependsOnNoFramework =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.springframework..", "org.apache.kafka..", "io.fabric8..", "dev.cel..");
}
