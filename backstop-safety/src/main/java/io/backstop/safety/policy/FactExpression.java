package io.backstop.safety.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelReference;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import io.backstop.safety.facts.Facts;
import io.backstop.safety.facts.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A type-checked CEL expression translated, when the policy file loads, into Java that reads the
 * facts by slot: the review's hot path, where CEL's interpreter resolved every name and dispatched
 * every operator on every call. Only a closed subset is translated: the facts, bool, int, double
 * and string literals, list literals, {@code ! && ||}, {@code == !=} on bools, ints and strings,
 * {@code < <= > >=} on ints and on doubles, {@code in} on a list of strings, {@code size} of a
 * list, and {@code exists} over a list of strings. On those, with every fact present and of its
 * declared type (which {@link Facts} checks before any policy runs), CEL can neither fail nor
 * disagree with plain Java, and {@code FactExpressionTest} compares the two on every policy of the
 * shipped file.
 *
 * <p>Anything else (another macro, arithmetic, another operator or type) is not translated: {@link
 * #of} answers empty, or, for an {@code ||} whose only some alternatives are translated, a {@link
 * Shortcut} that answers {@code true} when a translated alternative holds (CEL's {@code ||} is true
 * as soon as any side is, whatever the others do) and otherwise leaves the answer to CEL.
 */
final class FactExpression {

  /** A translated boolean expression. */
  @FunctionalInterface
  interface Condition {
    boolean test(Facts facts);
  }

  /** The translation of an expression: whole, or only enough to know when it holds. */
  sealed interface Translation permits Whole, Shortcut {}

  /** The whole expression: its answer is the policy's. */
  record Whole(Condition condition) implements Translation {}

  /** Some alternatives of a top-level {@code ||}: true when any holds, else CEL decides. */
  record Shortcut(Condition anyHolds) implements Translation {}

  /** A condition inside {@code exists}: reads one element of the list and the facts. */
  @FunctionalInterface
  private interface ElementCondition {
    boolean test(Facts facts, Object element);
  }

  @FunctionalInterface
  private interface Value {
    Object get(Facts facts);
  }

  /** A subexpression outside the subset. */
  private static final class Untranslatable extends Exception {
    Untranslatable() {
      super(null, null, false, false);
    }
  }

  private final CelAbstractSyntaxTree ast;

  private FactExpression(CelAbstractSyntaxTree ast) {
    this.ast = ast;
  }

  /** The translation of a checked boolean expression, or empty when none is possible. */
  static Optional<Translation> of(CelAbstractSyntaxTree ast) {
    if (!ast.isChecked() || !SimpleType.BOOL.equals(ast.getResultType())) {
      return Optional.empty();
    }
    FactExpression translator = new FactExpression(ast);
    try {
      return Optional.of(new Whole(translator.condition(ast.getExpr())));
    } catch (Untranslatable whole) {
      List<Condition> alternatives = new ArrayList<>();
      for (CelExpr alternative : translator.alternatives(ast.getExpr(), new ArrayList<>())) {
        try {
          alternatives.add(translator.condition(alternative));
        } catch (Untranslatable part) {
          // left to CEL
        }
      }
      if (alternatives.isEmpty()) {
        return Optional.empty();
      }
      Condition[] any = alternatives.toArray(Condition[]::new);
      return Optional.of(
          new Shortcut(
              facts -> {
                for (Condition c : any) {
                  if (c.test(facts)) {
                    return true;
                  }
                }
                return false;
              }));
    }
  }

  /** The operands of a chain of {@code ||}, or the expression itself. */
  private List<CelExpr> alternatives(CelExpr expr, List<CelExpr> into) {
    if (isCall(expr, "_||_", 2)) {
      for (CelExpr arg : expr.call().args()) {
        alternatives(arg, into);
      }
    } else {
      into.add(expr);
    }
    return into;
  }

  private Condition condition(CelExpr expr) throws Untranslatable {
    if (!SimpleType.BOOL.equals(type(expr))) {
      throw new Untranslatable();
    }
    switch (expr.getKind()) {
      case CONSTANT -> {
        boolean constant = constant(expr.constant()) instanceof Boolean b ? b : fail();
        return facts -> constant;
      }
      case IDENT, SELECT -> {
        int slot = slot(expr);
        return facts -> (Boolean) facts.slot(slot);
      }
      case CALL -> {
        return call(expr);
      }
      case COMPREHENSION -> {
        return exists(expr);
      }
      default -> throw new Untranslatable();
    }
  }

  /**
   * {@code list.exists(v, p)} over a list of strings, as the CEL parser expands the macro (an
   * accumulator starting false, each step {@code accu || p}, stopping once it holds): true when
   * {@code p} holds for some element. {@code p} may compare the element with {@code == != in} and
   * read the facts as any condition does. Every other comprehension ({@code all}, {@code
   * exists_one}, {@code map}, {@code filter}) stays with CEL.
   */
  private Condition exists(CelExpr expr) throws Untranslatable {
    CelExpr.CelComprehension c = expr.comprehension();
    String accu = c.accuVar();
    boolean isExists =
        c.iterVar2().isEmpty()
            && c.accuInit().getKind() == CelExpr.ExprKind.Kind.CONSTANT
            && Boolean.FALSE.equals(constant(c.accuInit().constant()))
            && isIdent(c.result(), accu)
            && isCall(c.loopStep(), "_||_", 2)
            && isIdent(c.loopStep().call().args().get(0), accu)
            && isCall(c.loopCondition(), "@not_strictly_false", 1)
            && isCall(c.loopCondition().call().args().get(0), "!_", 1)
            && isIdent(c.loopCondition().call().args().get(0).call().args().get(0), accu);
    if (!isExists || !isStrings(type(c.iterRange())) || shadowsAFact(c.iterVar())) {
      throw new Untranslatable();
    }
    Value list = value(c.iterRange());
    ElementCondition holds = element(c.loopStep().call().args().get(1), c.iterVar());
    return facts -> {
      List<?> elements = (List<?>) list.get(facts);
      for (int i = 0, n = elements.size(); i < n; i++) {
        if (holds.test(facts, elements.get(i))) {
          return true;
        }
      }
      return false;
    };
  }

  /** The condition of {@code exists}, on one element (named {@code var}) and the facts. */
  private ElementCondition element(CelExpr expr, String var) throws Untranslatable {
    if (!SimpleType.BOOL.equals(type(expr))) {
      throw new Untranslatable();
    }
    if (expr.getKind() == CelExpr.ExprKind.Kind.CALL && expr.call().target().isEmpty()) {
      List<CelExpr> args = expr.call().args();
      String function = expr.call().function();
      if (function.equals("!_") && args.size() == 1) {
        ElementCondition operand = element(args.get(0), var);
        return (facts, e) -> !operand.test(facts, e);
      }
      if (args.size() == 2) {
        CelExpr left = args.get(0);
        CelExpr right = args.get(1);
        switch (function) {
          case "_&&_" -> {
            ElementCondition a = element(left, var);
            ElementCondition b = element(right, var);
            return (facts, e) -> a.test(facts, e) && b.test(facts, e);
          }
          case "_||_" -> {
            ElementCondition a = element(left, var);
            ElementCondition b = element(right, var);
            return (facts, e) -> a.test(facts, e) || b.test(facts, e);
          }
          case "@in" -> {
            if (isIdent(left, var) && isStrings(type(right))) {
              Value list = value(right);
              return (facts, e) -> ((List<?>) list.get(facts)).contains(e);
            }
          }
          case "_==_", "_!=_" -> {
            boolean equal = function.equals("_==_");
            if (isIdent(left, var) && SimpleType.STRING.equals(type(right))) {
              Value other = value(right);
              return (facts, e) -> e.equals(other.get(facts)) == equal;
            }
            if (isIdent(right, var) && SimpleType.STRING.equals(type(left))) {
              Value other = value(left);
              return (facts, e) -> e.equals(other.get(facts)) == equal;
            }
          }
          default -> {
            // below: a condition that does not read the element
          }
        }
      }
    }
    // the element's name is no fact (shadowsAFact), so slot() refuses it wherever it appears
    Condition plain = condition(expr);
    return (facts, e) -> plain.test(facts);
  }

  /** Whether a comprehension's variable has the name of a fact (or of a fact's prefix). */
  private static boolean shadowsAFact(String var) {
    for (String name : Vocabulary.variables().keySet()) {
      if (name.equals(var) || name.startsWith(var + ".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isIdent(CelExpr expr, String name) {
    return expr.getKind() == CelExpr.ExprKind.Kind.IDENT && expr.ident().name().equals(name);
  }

  private Condition call(CelExpr expr) throws Untranslatable {
    if (expr.call().target().isPresent()) {
      throw new Untranslatable();
    }
    List<CelExpr> args = expr.call().args();
    String function = expr.call().function();
    if (function.equals("!_") && args.size() == 1) {
      Condition operand = condition(args.get(0));
      return facts -> !operand.test(facts);
    }
    if (args.size() != 2) {
      throw new Untranslatable();
    }
    CelExpr left = args.get(0);
    CelExpr right = args.get(1);
    switch (function) {
      case "_&&_" -> {
        Condition a = condition(left);
        Condition b = condition(right);
        return facts -> a.test(facts) && b.test(facts);
      }
      case "_||_" -> {
        Condition a = condition(left);
        Condition b = condition(right);
        return facts -> a.test(facts) || b.test(facts);
      }
      case "_==_", "_!=_" -> {
        CelType type = type(left);
        boolean comparable =
            type.equals(type(right))
                && (type.equals(SimpleType.BOOL)
                    || type.equals(SimpleType.INT)
                    || type.equals(SimpleType.STRING));
        if (!comparable) {
          throw new Untranslatable();
        }
        Value a = value(left);
        Value b = value(right);
        boolean equal = function.equals("_==_");
        return facts -> Objects.equals(a.get(facts), b.get(facts)) == equal;
      }
      case "_<_", "_<=_", "_>_", "_>=_" -> {
        return ordering(function, left, right);
      }
      case "@in" -> {
        if (!SimpleType.STRING.equals(type(left)) || !isStrings(type(right))) {
          throw new Untranslatable();
        }
        Value element = value(left);
        Value list = value(right);
        return facts -> ((List<?>) list.get(facts)).contains(element.get(facts));
      }
      default -> throw new Untranslatable();
    }
  }

  private Condition ordering(String function, CelExpr left, CelExpr right) throws Untranslatable {
    CelType type = type(left);
    if (!type.equals(type(right))) {
      throw new Untranslatable();
    }
    Value a = value(left);
    Value b = value(right);
    if (type.equals(SimpleType.INT)) {
      return switch (function) {
        case "_<_" -> facts -> (Long) a.get(facts) < (Long) b.get(facts);
        case "_<=_" -> facts -> (Long) a.get(facts) <= (Long) b.get(facts);
        case "_>_" -> facts -> (Long) a.get(facts) > (Long) b.get(facts);
        default -> facts -> (Long) a.get(facts) >= (Long) b.get(facts);
      };
    }
    if (type.equals(SimpleType.DOUBLE)) {
      return switch (function) {
        case "_<_" -> facts -> (Double) a.get(facts) < (Double) b.get(facts);
        case "_<=_" -> facts -> (Double) a.get(facts) <= (Double) b.get(facts);
        case "_>_" -> facts -> (Double) a.get(facts) > (Double) b.get(facts);
        default -> facts -> (Double) a.get(facts) >= (Double) b.get(facts);
      };
    }
    throw new Untranslatable();
  }

  /** A value of type bool, int, double, string or list of strings. */
  private Value value(CelExpr expr) throws Untranslatable {
    CelType type = type(expr);
    switch (expr.getKind()) {
      case CONSTANT -> {
        Object constant = constant(expr.constant());
        return facts -> constant;
      }
      case IDENT, SELECT -> {
        int slot = slot(expr);
        return facts -> facts.slot(slot);
      }
      case LIST -> {
        if (!isStrings(type)) {
          throw new Untranslatable();
        }
        List<Value> elements = new ArrayList<>();
        for (CelExpr element : expr.list().elements()) {
          if (!SimpleType.STRING.equals(type(element))) {
            throw new Untranslatable();
          }
          elements.add(value(element));
        }
        if (expr.list().optionalIndices().size() > 0) {
          throw new Untranslatable();
        }
        if (expr.list().elements().stream()
            .allMatch(e -> e.getKind() == CelExpr.ExprKind.Kind.CONSTANT)) {
          // a literal list of literals: the same list on every call, made once
          Object[] values = new Object[elements.size()];
          for (int i = 0; i < values.length; i++) {
            values[i] = elements.get(i).get(null);
          }
          List<Object> constant = List.of(values);
          return facts -> constant;
        }
        Value[] each = elements.toArray(Value[]::new);
        return facts -> {
          Object[] values = new Object[each.length];
          for (int i = 0; i < each.length; i++) {
            values[i] = each[i].get(facts);
          }
          return List.of(values);
        };
      }
      case CALL -> {
        if (type.equals(SimpleType.BOOL)) {
          Condition condition = call(expr);
          return condition::test;
        }
        if (type.equals(SimpleType.INT)
            && expr.call().function().equals("size")
            && expr.call().target().isEmpty()
            && expr.call().args().size() == 1
            && isStrings(type(expr.call().args().get(0)))) {
          Value list = value(expr.call().args().get(0));
          return facts -> (long) ((List<?>) list.get(facts)).size();
        }
        throw new Untranslatable();
      }
      default -> throw new Untranslatable();
    }
  }

  /** The slot of a fact the checker resolved this identifier (or dotted name) to. */
  private int slot(CelExpr expr) throws Untranslatable {
    Optional<CelReference> reference = ast.getReference(expr.id());
    if (reference.isEmpty() || reference.get().value().isPresent()) {
      throw new Untranslatable();
    }
    int slot = Vocabulary.slot(reference.get().name());
    if (slot < 0 || !Vocabulary.variables().get(reference.get().name()).equals(type(expr))) {
      throw new Untranslatable();
    }
    return slot;
  }

  private static Object constant(CelConstant constant) throws Untranslatable {
    return switch (constant.getKind()) {
      case BOOLEAN_VALUE -> constant.booleanValue();
      case INT64_VALUE -> constant.int64Value();
      case DOUBLE_VALUE -> constant.doubleValue();
      case STRING_VALUE -> constant.stringValue();
      default -> throw new Untranslatable();
    };
  }

  private CelType type(CelExpr expr) throws Untranslatable {
    Optional<CelType> type = ast.getType(expr.id());
    if (type.isEmpty()) {
      throw new Untranslatable();
    }
    return type.get();
  }

  private static boolean isStrings(CelType type) {
    return type instanceof ListType list && SimpleType.STRING.equals(list.elemType());
  }

  private static boolean isCall(CelExpr expr, String function, int arity) {
    return expr.getKind() == CelExpr.ExprKind.Kind.CALL
        && expr.call().target().isEmpty()
        && expr.call().function().equals(function)
        && expr.call().args().size() == arity;
  }

  private static boolean fail() throws Untranslatable {
    throw new Untranslatable();
  }
}
