package io.backstop.triage.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.backstop.triage.kubernetes.ReadOnlyCluster;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Triage reads the cluster and nothing else. These rules run over the production classes; each is
 * also shown to fail on {@link WritingOffender}, a test class that writes and reads Secrets.
 */
class ReadOnlyArchitectureTest {

  static final Set<String> WRITE_VERBS =
      Set.of(
          "create",
          "createOr",
          "createOrReplace",
          "patch",
          "edit",
          "delete",
          "replace",
          "update",
          "updateStatus",
          "patchStatus",
          "replaceStatus",
          "editStatus",
          "scale",
          "rolling",
          "restart",
          "undo",
          "pause",
          "resume",
          "serverSideApply",
          "apply",
          "evict",
          "exec",
          "attach",
          "portForward",
          "upload",
          "copy",
          "secrets",
          "bind",
          "writingOutput",
          "post",
          "put",
          "method");

  static final JavaClasses PRODUCTION =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.backstop.triage");

  static final JavaClasses OFFENDER = new ClassFileImporter().importClasses(WritingOffender.class);

  static final ArchRule NO_FABRIC8_WRITE_VERBS =
      noClasses()
          .that()
          .resideInAPackage("io.backstop.triage..")
          .should()
          .callMethodWhere(
              new DescribedPredicate<JavaMethodCall>(
                  "a fabric8 method that writes, execs or reads Secrets " + WRITE_VERBS) {
                @Override
                public boolean test(JavaMethodCall call) {
                  return call.getTargetOwner().getPackageName().startsWith("io.fabric8")
                      && WRITE_VERBS.contains(call.getName());
                }
              });

  static final ArchRule NEVER_TOUCHES_SECRETS =
      noClasses()
          .that()
          .resideInAPackage("io.backstop.triage..")
          .should()
          .dependOnClassesThat(
              new DescribedPredicate<JavaClass>("a Kubernetes Secret type") {
                @Override
                public boolean test(JavaClass type) {
                  return type.getPackageName().startsWith("io.fabric8")
                      && SECRET_TYPES.matcher(type.getSimpleName()).matches();
                }
              });

  /**
   * The Secret object and its list, builders and client DSL; not the references a pod spec makes to
   * a Secret by name ({@code SecretKeySelector}, {@code SecretEnvSource}, {@code
   * SecretVolumeSource}, {@code SecretProjection}), which hold no secret data.
   */
  static final java.util.regex.Pattern SECRET_TYPES =
      java.util.regex.Pattern.compile(
          "Secret(List)?(Builder|Fluent.*)?|Secrets?(Operation.*|Resource.*)?");

  static final ArchRule CLIENT_ONLY_BEHIND_THE_FACADE =
      noClasses()
          .that()
          .resideInAPackage("io.backstop.triage..")
          .and()
          .resideOutsideOfPackage("io.backstop.triage.kubernetes..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.fabric8.kubernetes.client..");

  @Test
  void nothingInTriageCallsAFabric8WriteVerb() {
    NO_FABRIC8_WRITE_VERBS.check(PRODUCTION);
  }

  @Test
  void nothingInTriageTouchesASecret() {
    NEVER_TOUCHES_SECRETS.check(PRODUCTION);
  }

  @Test
  void onlyTheKubernetesAdapterSeesTheFabric8Client() {
    CLIENT_ONLY_BEHIND_THE_FACADE.check(PRODUCTION);
  }

  @Test
  void theRulesCatchAClassThatWritesOrReadsSecrets() {
    EvaluationResult writes = NO_FABRIC8_WRITE_VERBS.evaluate(OFFENDER);

    assertThat(writes.hasViolation()).isTrue();
    assertThat(writes.getFailureReport().getDetails())
        .anyMatch(d -> d.contains("delete()"))
        .anyMatch(d -> d.contains("secrets()"));
  }

  @Test
  void theFacadeOffersOnlyReadsAndHandsOutNoClient() {
    for (Method m : ReadOnlyCluster.class.getMethods()) {
      assertThat(m.getName()).as("facade method").matches("(get|list|read)[A-Z].*");
      assertThat(typesOf(m))
          .as("types of " + m.getName())
          .noneMatch(t -> t.contains("io.fabric8.kubernetes.client"))
          .noneMatch(t -> t.contains("Secret"));
    }
  }

  private static java.util.List<String> typesOf(Method m) {
    return java.util.stream.Stream.concat(
            Arrays.stream(m.getGenericParameterTypes()),
            java.util.stream.Stream.of(m.getGenericReturnType()))
        .map(Type::getTypeName)
        .toList();
  }
}
