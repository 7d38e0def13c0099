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
import java.util.Optional;

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
  private final Optional<FactExpression.Translation> translation;
  private final MessageTemplate message;

  /** The verdict when the expression holds: the same value every time, so made once. */
  private final Verdict allowed;

  private CelPolicy(
      PolicyDefinition definition,
      CelRuntime.Program program,
      Optional<FactExpression.Translation> translation) {
    this.definition = definition;
    this.program = program;
    this.translation = translation;
    this.message = MessageTemplate.parse(definition.message());
    this.allowed = Verdict.allow(definition.id(), definition.description());
  }

  /** Compiles the expression; a compile error names the policy and the CEL message. */
  public static CelPolicy compile(PolicyDefinition definition, String origin) {
    CelValidationResult result = COMPILER.compile(definition.expression());
    if (result.hasError()) {
      throw new PolicyFileException(
          origin, "policy '" + definition.id() + "' does not compile: " + result.getErrorString());
    }
    try {
      return new CelPolicy(
          definition, RUNTIME.createProgram(result.getAst()), FactExpression.of(result.getAst()));
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

  /**
   * Whether the expression runs as Java on the facts by slot (see {@link FactExpression}): {@code
   * "whole"}, {@code "shortcut"} (an {@code ||} of which only some alternatives are Java; CEL
   * answers when none of those holds) or {@code "cel"}.
   */
  public String evaluatedBy() {
    return translation
        .map(t -> t instanceof FactExpression.Whole ? "whole" : "shortcut")
        .orElse("cel");
  }

  @Override
  public Verdict evaluate(Facts facts) {
    Object result;
    try {
      result = result(facts);
    } catch (CelEvaluationException e) {
      return Verdict.deny(id(), "evaluation error: " + e.getMessage());
    }
    if (Boolean.TRUE.equals(result)) {
      return allowed;
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

  /** The expression's value: by its Java translation where it has one, else by CEL. */
  Object result(Facts facts) throws CelEvaluationException {
    if (translation.isPresent()) {
      FactExpression.Translation t = translation.get();
      if (t instanceof FactExpression.Whole whole) {
        return whole.condition().test(facts);
      }
      if (((FactExpression.Shortcut) t).anyHolds().test(facts)) {
        return Boolean.TRUE;
      }
    }
    return celResult(facts);
  }

  /** The expression's value by CEL alone, for the test that holds the translation to it. */
  Object celResult(Facts facts) throws CelEvaluationException {
    return program.eval(facts::find);
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
