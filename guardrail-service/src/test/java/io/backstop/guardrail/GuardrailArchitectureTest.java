package io.backstop.guardrail;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class GuardrailArchitectureTest {

  private final JavaClasses service =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.backstop.guardrail");

  @Test
  void eventsLeaveOnlyThroughTheEventPublisherNeverARawKafkaTemplate() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("org.springframework.kafka.core.KafkaTemplate")
        .check(service);
  }

  @Test
  void theReviewOrchestrationKnowsNothingOfHttpOrMessaging() {
    noClasses()
        .that()
        .resideInAnyPackage("io.backstop.guardrail.review..", "io.backstop.guardrail.state..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.backstop.guardrail.web..",
            "io.backstop.guardrail.messaging..",
            "org.springframework.web..",
            "org.springframework.messaging..")
        .check(service);
  }

  @Test
  void noPackageIsNamedUtilHelperCommonServiceOrManager() {
    noClasses()
        .should()
        .resideInAnyPackage("..util..", "..helper..", "..common..", "..service..", "..manager..")
        .check(service);
  }
}
