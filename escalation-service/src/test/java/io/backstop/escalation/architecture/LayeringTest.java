package io.backstop.escalation.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class LayeringTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.backstop.escalation");

  @Test
  void theBundleIsPureRenderingWithoutSpringKafkaOrNetwork() {
    noClasses()
        .that()
        .resideInAPackage("..escalation.bundle..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "org.apache.kafka..",
            "io.modelcontextprotocol..",
            "java.net..")
        .check(CLASSES);
  }

  @Test
  void theChannelAdaptersKnowNothingOfKafkaOrSpring() {
    noClasses()
        .that()
        .resideInAnyPackage("..escalation.paging..", "..escalation.mcp..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..", "org.apache.kafka..", "..escalation.messaging..")
        .check(CLASSES);
  }

  /** Guards the rules above against passing vacuously: they do see library dependencies. */
  @Test
  void theRulesSeeDependenciesOnLibraries() {
    var rule =
        noClasses()
            .that()
            .resideInAPackage("..escalation.messaging..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.apache.kafka..");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> rule.check(CLASSES))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("KafkaDeadLetters");
  }

  @Test
  void onlyTheMessagingAdapterTouchesKafka() {
    noClasses()
        .that()
        .resideOutsideOfPackages("..escalation.messaging..", "io.backstop.escalation")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.kafka..")
        .check(CLASSES);
  }
}
