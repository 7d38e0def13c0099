package io.backstop.deployment;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A ValidatingAdmissionPolicy's CEL evaluated as the API server does, with the CEL the guardrail
 * uses: {@code matchConditions} decide whether the policy applies; {@code variables} are evaluated
 * lazily, once, by name ({@code variables.<name>}); every validation must be exactly {@code true}.
 * With {@code failurePolicy: Fail}, an expression that errors (a missing field, a null {@code
 * oldObject}) refuses the request, as the API server would.
 */
final class AdmissionPolicy {

  /** What the policy answers to one admission request. */
  sealed interface Decision {
    /** The policy does not apply (a matchCondition is false): it neither allows nor refuses. */
    record NotMatched(String condition) implements Decision {}

    record Admitted() implements Decision {}

    record Refused(String message) implements Decision {}
  }

  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  private final List<
          io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations>
      resourceRules;
  private final Map<String, CelRuntime.Program> conditions = new LinkedHashMap<>();
  private final Map<String, CelRuntime.Program> variables = new LinkedHashMap<>();
  private final List<Check> validations;
  private final String failurePolicy;

  private record Check(
      CelRuntime.Program expression, String message, CelRuntime.Program messageExpression) {}

  AdmissionPolicy(ValidatingAdmissionPolicy policy) {
    var spec = policy.getSpec();
    this.failurePolicy = spec.getFailurePolicy();
    this.resourceRules = spec.getMatchConstraints().getResourceRules();
    List<String> variableNames = spec.getVariables().stream().map(v -> v.getName()).toList();
    CelCompiler compiler = compiler(variableNames);
    spec.getMatchConditions()
        .forEach(c -> conditions.put(c.getName(), program(compiler, c.getExpression())));
    spec.getVariables()
        .forEach(v -> variables.put(v.getName(), program(compiler, v.getExpression())));
    this.validations =
        spec.getValidations().stream()
            .map(
                (Validation v) ->
                    new Check(
                        program(compiler, v.getExpression()),
                        v.getMessage(),
                        v.getMessageExpression() == null
                            ? null
                            : program(compiler, v.getMessageExpression())))
            .toList();
  }

  /** {@code request} is the AdmissionRequest; {@code object}/{@code oldObject} may be null. */
  Decision admit(
      Map<String, Object> request, Map<String, Object> object, Map<String, Object> oldObject) {
    if (!matchesResourceRules(request)) {
      return new Decision.NotMatched("matchConstraints");
    }
    Map<String, Object> memo = new HashMap<>();
    Map<String, Object> base = new HashMap<>();
    base.put("request", request);
    base.put("object", object);
    base.put("oldObject", oldObject);
    for (var c : conditions.entrySet()) {
      Object matched = eval(c.getValue(), base, memo);
      if (matched instanceof Failure f) {
        return refusedOnError("matchCondition " + c.getKey(), f);
      }
      if (!Boolean.TRUE.equals(matched)) {
        return new Decision.NotMatched(c.getKey());
      }
    }
    for (Check check : validations) {
      Object result = eval(check.expression(), base, memo);
      if (result instanceof Failure f) {
        return refusedOnError("validation", f);
      }
      if (!Boolean.TRUE.equals(result)) {
        String message = check.message();
        if (check.messageExpression() != null) {
          Object m = eval(check.messageExpression(), base, memo);
          message = m instanceof String s ? s : message;
        }
        return new Decision.Refused(message);
      }
    }
    return new Decision.Admitted();
  }

  /**
   * matchConstraints.resourceRules as the API server reads them: {@code *} is every resource but no
   * subresource, {@code *}/{@code *} every resource and subresource, {@code x/*} every subresource
   * of x, {@code *}/{@code y} subresource y of every resource.
   */
  @SuppressWarnings("unchecked")
  private boolean matchesResourceRules(Map<String, Object> request) {
    Map<String, Object> resource = (Map<String, Object>) request.get("resource");
    String group = (String) resource.get("group");
    String version = (String) resource.get("version");
    String sub = (String) request.getOrDefault("subResource", "");
    String name = (String) resource.get("resource") + (sub.isEmpty() ? "" : "/" + sub);
    String operation = (String) request.get("operation");
    for (var rule : resourceRules) {
      boolean op = rule.getOperations().contains("*") || rule.getOperations().contains(operation);
      boolean g = rule.getApiGroups().contains("*") || rule.getApiGroups().contains(group);
      boolean v = rule.getApiVersions().contains("*") || rule.getApiVersions().contains(version);
      boolean r = rule.getResources().stream().anyMatch(pattern -> resourceMatches(pattern, name));
      if (op && g && v && r) {
        return true;
      }
    }
    return false;
  }

  private static boolean resourceMatches(String pattern, String name) {
    String[] p = pattern.split("/", 2);
    String[] n = name.split("/", 2);
    boolean resource = p[0].equals("*") || p[0].equals(n[0]);
    if (p.length == 1) {
      return resource && n.length == 1;
    }
    return resource && n.length == 2 && (p[1].equals("*") || p[1].equals(n[1]));
  }

  private Decision refusedOnError(String where, Failure f) {
    if (!"Fail".equals(failurePolicy)) {
      throw new IllegalStateException(
          "failurePolicy " + failurePolicy + " would admit on error", f.cause());
    }
    return new Decision.Refused(where + " failed: " + f.cause().getMessage());
  }

  private record Failure(Exception cause) {}

  private Object eval(
      CelRuntime.Program program, Map<String, Object> base, Map<String, Object> memo) {
    try {
      return program.eval(name -> resolve(name, base, memo));
    } catch (Exception e) {
      return new Failure(e);
    }
  }

  private Optional<Object> resolve(
      String name, Map<String, Object> base, Map<String, Object> memo) {
    if (base.containsKey(name)) {
      return Optional.ofNullable(base.get(name))
          .or(() -> Optional.of(com.google.protobuf.NullValue.NULL_VALUE));
    }
    if (name.startsWith("variables.")) {
      String variable = name.substring("variables.".length());
      if (!memo.containsKey(variable)) {
        Object value = eval(variables.get(variable), base, memo);
        if (value instanceof Failure f) {
          throw new IllegalStateException(
              "variable " + variable + ": " + f.cause().getMessage(), f.cause());
        }
        memo.put(variable, value);
      }
      return Optional.of(memo.get(variable));
    }
    return Optional.empty();
  }

  private static CelCompiler compiler(List<String> variableNames) {
    CelCompilerBuilder builder =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("request", SimpleType.DYN)
            .addVar("object", SimpleType.DYN)
            .addVar("oldObject", SimpleType.DYN);
    variableNames.forEach(n -> builder.addVar("variables." + n, SimpleType.DYN));
    return builder.build();
  }

  private static CelRuntime.Program program(CelCompiler compiler, String expression) {
    CelValidationResult result = compiler.compile(expression);
    if (result.hasError()) {
      throw new IllegalArgumentException(
          "does not compile: " + expression + "\n" + result.getErrorString());
    }
    try {
      CelAbstractSyntaxTree ast = result.getAst();
      return RUNTIME.createProgram(ast);
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot be planned: " + expression, e);
    }
  }
}
