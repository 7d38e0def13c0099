package io.backstop.safety.policy;

import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.backstop.safety.facts.Facts;
import io.backstop.safety.facts.Vocabulary;
import io.backstop.safety.verdict.Verdict;

/**
 * A policy from the policy file, its expression compiled once with CEL (the language of Kubernetes
 * ValidatingAdmissionPolicy) against the typed {@link Vocabulary}. Safety rationale: it allows only
 * when the expression yields exactly {@code Boolean.TRUE}; false triggers the policy's effect, and
 * an evaluation error or a non-boolean result DENIES, whatever the effect.
 */
public final class CelPolicy implements Policy {

  private static final CelCompiler COMPILER = compiler();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  private final PolicyDefinition definition;
  private final CelRuntime.Program program;
  private final MessageTemplate message;

  private CelPolicy(PolicyDefinition definition, CelRuntime.Program program) {
    this.definition = definition;
    this.program = program;
    this.message = MessageTemplate.parse(definition.message());
  }

  /** Compiles the expression; a compile error names the policy and the CEL message. */
  public static CelPolicy compile(PolicyDefinition definition, String origin) {
    CelValidationResult result = COMPILER.compile(definition.expression());
    if (result.hasError()) {
      throw new PolicyFileException(
          origin, "policy '" + definition.id() + "' does not compile: " + result.getErrorString());
    }
    try {
      return new CelPolicy(definition, RUNTIME.createProgram(result.getAst()));
    } catch (Exception e) {
      throw new PolicyFileException(
          origin, "policy '" + definition.id() + "' cannot be planned: " + e.getMessage(), e);
    }
  }

  public PolicyDefinition definition() {
    return definition;
  }

  @Override
  public String id() {
    return definition.id();
  }

  @Override
  public Verdict evaluate(Facts facts) {
    Object result;
    try {
      result = program.eval(facts::find);
    } catch (CelEvaluationException e) {
      return Verdict.deny(id(), "evaluation error: " + e.getMessage());
    }
    if (Boolean.TRUE.equals(result)) {
      return Verdict.allow(id(), definition.description());
    }
    if (!(result instanceof Boolean)) {
      return Verdict.deny(id(), "expression returned " + result + ", not a boolean");
    }
    String reason = message.render(facts);
    return switch (definition.effect()) {
      case DENY -> Verdict.deny(id(), reason);
      case ESCALATE -> Verdict.escalate(id(), reason);
    };
  }

  private static CelCompiler compiler() {
    CelCompilerBuilder builder =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .setResultType(SimpleType.BOOL);
    Vocabulary.variables().forEach(builder::addVar);
    return builder.build();
  }
}
