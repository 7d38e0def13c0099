package io.backstop.executor.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules that pin the cluster write path, reusable by any module's architecture test: import
 * that module's classes and check {@link #onlyTheWriterCallsFabric8WriteVerbs()} (another service
 * must find no allowed writer at all, so the rule holds only if it calls no write verb).
 */
public final class WritePathRules {

  public static final String WRITER = "io.backstop.executor.kubernetes.DeploymentWriter";

  /** Every fabric8 DSL method that changes cluster state, or opens a shell into it. */
  public static final Set<String> WRITE_VERBS =
      Set.of(
          "create",
          "createOr",
          "createOrReplace",
          "delete",
          "edit",
          "editStatus",
          "patch",
          "patchStatus",
          "replace",
          "replaceStatus",
          "update",
          "updateStatus",
          "scale",
          "serverSideApply",
          "rolling",
          "rollback",
          "restart",
          "undo",
          "pause",
          "resume",
          "updateImage",
          "accept",
          "evict",
          "exec",
          "attach",
          "portForward",
          "upload",
          "copy");

  /** Kinds and APIs the executor must never even name. */
  private static final Pattern FORBIDDEN_TYPES =
      Pattern.compile(
          "io\\.fabric8\\.kubernetes\\.api\\.model\\.(apps\\.StatefulSet|Secret|ConfigMap|Service|"
              + "Namespace|Node)[A-Za-z]*|io\\.fabric8\\.kubernetes\\.client\\.dsl\\.(Exec|Ttyable|"
              + "PortForward|Execable|ContainerResource)[A-Za-z]*");

  private static final Set<String> FORBIDDEN_ENTRY_POINTS =
      Set.of(
          "statefulSets",
          "secrets",
          "configMaps",
          "services",
          "namespaces",
          "nodes",
          "exec",
          "attach",
          "portForward",
          "resource",
          "resourceList",
          "load");

  private WritePathRules() {}

  static final DescribedPredicate<JavaMethodCall> FABRIC8_WRITE =
      DescribedPredicate.describe(
          "a fabric8 write verb " + WRITE_VERBS,
          call ->
              call.getTargetOwner().getPackageName().startsWith("io.fabric8")
                  && WRITE_VERBS.contains(call.getName()));

  static final DescribedPredicate<JavaMethodCall> FORBIDDEN_ENTRY =
      DescribedPredicate.describe(
          "a fabric8 entry point to another kind, to raw resources or to exec "
              + FORBIDDEN_ENTRY_POINTS,
          call ->
              call.getTargetOwner().getPackageName().startsWith("io.fabric8")
                  && FORBIDDEN_ENTRY_POINTS.contains(call.getName()));

  static final DescribedPredicate<JavaClass> FORBIDDEN_TYPE =
      DescribedPredicate.describe(
          "StatefulSet, Secret, ConfigMap, Service, Namespace, Node, exec or port-forward types",
          c -> FORBIDDEN_TYPES.matcher(c.getName()).matches());

  /** Only {@link #WRITER} calls a fabric8 write verb. */
  public static ArchRule onlyTheWriterCallsFabric8WriteVerbs() {
    return noClasses()
        .that()
        .doNotHaveFullyQualifiedName(WRITER)
        .should()
        .callMethodWhere(FABRIC8_WRITE)
        .because("the narrow write client is the only hands in the system (DESIGN §3)");
  }

  /** No class names a StatefulSet, Secret, ConfigMap, Service, Namespace, Node or exec API. */
  public static ArchRule noForbiddenKindOrExec() {
    return noClasses()
        .should()
        .dependOnClassesThat(FORBIDDEN_TYPE)
        .orShould()
        .callMethodWhere(FORBIDDEN_ENTRY)
        .because("the executor acts on Deployments only and never opens a shell (DESIGN §3)");
  }

  /** Nothing outside the executor module can reach the write client. */
  public static ArchRule nothingOutsideTheExecutorReachesTheWriter() {
    return noClasses()
        .that()
        .resideOutsideOfPackage("io.backstop.executor..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName(WRITER)
        .orShould()
        .callMethodWhere(FABRIC8_WRITE)
        .because("only executor-service holds cluster write credentials (DESIGN §1)");
  }
}
