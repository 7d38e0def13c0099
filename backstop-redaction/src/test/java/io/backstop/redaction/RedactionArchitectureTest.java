package io.backstop.redaction;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The redaction rules are plain Java: triage and the safety core both use them, and the safety core
 * may depend on no framework (CONVENTIONS 1).
 */
@AnalyzeClasses(
    packages = "io.backstop.redaction",
    importOptions = ImportOption.DoNotIncludeTests.class)
class RedactionArchitectureTest {

  @ArchTest
  static final ArchRule dependsOnTheJdkOnly =
      classes()
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("io.backstop.redaction..", "java..")
          .because("triage and the safety core share these rules; they must pull in nothing");
}
