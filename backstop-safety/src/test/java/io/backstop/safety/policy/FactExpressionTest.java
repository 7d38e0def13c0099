package io.backstop.safety.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.signal.DeploymentStrategy;
import io.backstop.events.signal.SymptomKind;
import io.backstop.safety.facts.FactSheet;
import io.backstop.safety.facts.Facts;
import io.backstop.safety.facts.ProposedWrite;
import io.backstop.safety.facts.Subject;
import io.backstop.safety.facts.Vocabulary;
import io.backstop.safety.fixtures.Honest;
import io.backstop.safety.fixtures.Incidents;
import io.backstop.safety.fixtures.Proposal;
import io.backstop.safety.fixtures.Scene;
import io.backstop.safety.verdict.Gate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Java translation of a policy expression answers exactly as CEL does: every policy of the
 * shipped file, on the facts of real proposals (approved and stopped, every action type) and on
 * thousands of fact sets made from them by changing facts at random (a fixed seed, so a failure
 * repeats), each value drawn from what real facts hold and from the edges of each type.
 */
class FactExpressionTest {

  private static final PolicyBook BOOK = PolicyBook.loadDefault();

  @Test
  void everyShippedPolicyRunsAsJava() {
    Map<String, String> by = new HashMap<>();
    policies().forEach(p -> by.put(p.id(), p.evaluatedBy()));

    // including action.restart-fixed-cause, whose exists() macro is translated too
    assertThat(by).containsEntry("action.restart-fixed-cause", "whole");
    assertThat(by).isNotEmpty().allSatisfy((id, how) -> assertThat(how).as(id).isEqualTo("whole"));
  }

  @Test
  void theTranslationAnswersAsCelOnRealAndVariedFacts() throws Exception {
    List<Map<String, Object>> real = realFacts();
    Map<String, List<Object>> seen = seenValues(real);
    Random random = new Random(20261204L);
    List<String> vocabulary = new ArrayList<>(Vocabulary.variables().keySet());
    int compared = 0;
    for (CelPolicy policy : policies()) {
      // the facts this policy reads, changed more often than the others
      List<String> read =
          vocabulary.stream().filter(n -> reads(policy.definition().expression(), n)).toList();
      assertThat(read).as(policy.id()).isNotEmpty();
      List<Facts> cases = new ArrayList<>();
      real.forEach(values -> cases.add(Facts.of(values)));
      for (int i = 0; i < 600; i++) {
        Map<String, Object> values = new HashMap<>(real.get(random.nextInt(real.size())));
        for (String name : read) {
          if (random.nextBoolean()) {
            values.put(name, anyValue(name, seen, random));
          }
        }
        String other = vocabulary.get(random.nextInt(vocabulary.size()));
        values.put(other, anyValue(other, seen, random));
        cases.add(Facts.of(values));
      }
      Map<Object, Integer> outcomes = new HashMap<>();
      for (Facts facts : cases) {
        Object cel = policy.celResult(facts);
        assertThat(policy.result(facts)).as(policy.id() + " on " + facts).isEqualTo(cel);
        outcomes.merge(cel, 1, Integer::sum);
        compared++;
      }
      // the varied facts reach both answers of every policy, so the comparison means something
      assertThat(outcomes).as(policy.id()).containsKeys(true, false);
    }
    assertThat(compared).isGreaterThan(30_000);
  }

  /** Whether the expression names the fact (not as part of a longer name). */
  private static boolean reads(String expression, String name) {
    int at = expression.indexOf(name);
    while (at >= 0) {
      int end = at + name.length();
      boolean before = at == 0 || !isNamePart(expression.charAt(at - 1));
      boolean after = end == expression.length() || !isNamePart(expression.charAt(end));
      if (before && after) {
        return true;
      }
      at = expression.indexOf(name, at + 1);
    }
    return false;
  }

  private static boolean isNamePart(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '_';
  }

  @Test
  void aConditionOutsideTheSubsetStaysWithCel() {
    CelPolicy macro = compile("symptoms.all(s, s == \"CRASH_LOOP\")");
    CelPolicy arithmetic = compile("target.replicas + 1 <= config.scaleMax");
    CelPolicy mixed = compile("action.type != \"SCALE\" || target.replicas * 2 <= config.scaleMax");

    assertThat(macro.evaluatedBy()).isEqualTo("cel");
    assertThat(arithmetic.evaluatedBy()).isEqualTo("cel");
    assertThat(mixed.evaluatedBy()).isEqualTo("shortcut");
  }

  @Test
  void existsIsTranslatedAndAnswersAsCel() throws Exception {
    List<String> expressions =
        List.of(
            "symptoms.exists(s, s == \"CRASH_LOOP\")",
            "symptoms.exists(s, \"CRASH_LOOP\" != s)",
            "symptoms.exists(s, !(s in [\"CRASH_LOOP\", \"OOM_KILLED\"]))",
            "symptoms.exists(s, s in action.admittedBy && s != action.type)",
            "symptoms.exists(s, s == action.type || target.replicas > 2)",
            "action.type != \"RESTART\" || action.admittedBy.exists(s, !(s in symptoms))");
    List<String> words = List.of("CRASH_LOOP", "OOM_KILLED", "RESTART", "", "crash_loop");
    Random random = new Random(4122026L);
    List<Map<String, Object>> real = realFacts();
    for (String expression : expressions) {
      CelPolicy policy = compile(expression);
      assertThat(policy.evaluatedBy()).as(expression).isEqualTo("whole");
      Map<Object, Integer> outcomes = new HashMap<>();
      for (int i = 0; i < 2_000; i++) {
        Map<String, Object> values = new HashMap<>(real.get(random.nextInt(real.size())));
        values.put("symptoms", someOf(words, random));
        values.put("action.admittedBy", someOf(words, random));
        values.put("action.type", words.get(random.nextInt(words.size())));
        values.put("target.replicas", (long) random.nextInt(5));
        Facts facts = Facts.of(values);
        Object cel = policy.celResult(facts);
        assertThat(policy.result(facts)).as(expression + " on " + facts).isEqualTo(cel);
        outcomes.merge(cel, 1, Integer::sum);
      }
      assertThat(outcomes).as(expression).containsKeys(true, false);
    }
  }

  private static List<String> someOf(List<String> words, Random random) {
    List<String> some = new ArrayList<>();
    for (int n = random.nextInt(4); n > 0; n--) {
      some.add(words.get(random.nextInt(words.size())));
    }
    return some;
  }

  private static CelPolicy compile(String expression) {
    return CelPolicy.compile(
        new PolicyDefinition("test.expr", Gate.ACTION, Effect.DENY, "d", expression, "m", false),
        "test");
  }

  private static List<CelPolicy> policies() {
    List<CelPolicy> all = new ArrayList<>();
    for (Gate gate : Gate.values()) {
      BOOK.gate(gate).policies().forEach(p -> all.add((CelPolicy) p));
    }
    return all;
  }

  private static List<Map<String, Object>> realFacts() {
    List<DiagnosisProposed> proposals =
        List.of(
            Honest.rollback(),
            Honest.restart().build(),
            Honest.scale(8).build(),
            Honest.scale(0).build(),
            Honest.scale(40).build(),
            Honest.rollbackPastTwoBadRevisions().build(),
            Honest.offlineRollback().build(),
            Diagnoses.hallucinatedRollbackAll(),
            Proposal.honestRollback().sha("e4f5a6b7c8d9").build(),
            Proposal.honestRollback().sha(Signals.CART_SHA).build(),
            Proposal.honestRollback().scope("all").build(),
            Proposal.honestRollback().cited("E1", "E6").build(),
            Proposal.honestRollback().confidence(0.5).build(),
            Proposal.honestRollback().signals(Incidents.leakAfterRecentDeploy()).build(),
            Proposal.honestRollback().signals(Incidents.ambiguousPrefix()).sha("9c41d0e").build(),
            Proposal.honestRollback().signals(Incidents.credentialFailure()).build(),
            Honest.restart().action("RESTART", "prod-db", null, null, null, null).build(),
            Honest.restart().signals(Incidents.kubeSystemLeak()).build(),
            Honest.restart().signals(Incidents.leakAfterRecentDeploy()).build(),
            Honest.restart()
                .signals(
                    Scene.of(Incidents.leak())
                        .strategy(Signals.CART, DeploymentStrategy.RECREATE)
                        .build())
                .build(),
            Honest.restart()
                .signals(Scene.of(Incidents.leak()).hold(Signals.CART, "CHG-1 migration").build())
                .build(),
            Honest.restart()
                .signals(
                    Scene.of(Incidents.leak()).operator(Signals.CART, "ShopApp", "cart").build())
                .build(),
            Honest.restart()
                .signals(
                    Scene.of(Incidents.leak())
                        .claim(Signals.CART, "cart-spool", "ReadWriteOncePod")
                        .build())
                .build(),
            Proposal.honestRollback()
                .signals(
                    Scene.of(Signals.badDeploy())
                        .symptom(SymptomKind.API_FORBIDDEN, Signals.CHECKOUT, "E1")
                        .build())
                .build(),
            Honest.scale(8)
                .signals(
                    Scene.of(Incidents.saturation())
                        .symptom(SymptomKind.REPLICAS_BLOCKED, Signals.FRONTEND, "E1")
                        .build())
                .build(),
            Honest.restart()
                .signals(
                    Scene.of(Incidents.leak())
                        .withoutSymptoms()
                        .symptom(SymptomKind.OOM_KILLED, Signals.CART, "E1")
                        .build())
                .build(),
            Proposal.honestRollback()
                .signals(
                    Scene.of(Signals.badDeploy())
                        .changeCause(Signals.CHECKOUT, 3, "security fix for CVE-2026-1234")
                        .symptom(SymptomKind.CONFIG_MISSING, Signals.CHECKOUT, "E1")
                        .config(
                            Signals.CHECKOUT,
                            3,
                            List.of(io.backstop.events.signal.ConfigRef.configMap("rules")),
                            List.of())
                        .build())
                .build(),
            Proposal.honestRollback()
                .hypothesis("revision 3 connects with DB_PASSWORD=hunter22 which the db rejects")
                .build());
    List<Map<String, Object>> facts = new ArrayList<>();
    for (DiagnosisProposed p : proposals) {
      Subject subject = new Subject(p, p.signals(), ProposedWrite.recommended(p), 0);
      facts.add(FactSheet.compute(subject, BOOK.settings()).sorted());
    }
    return facts;
  }

  /** Per fact, every value the real facts gave it, and the same for every fact of its type. */
  private static Map<String, List<Object>> seenValues(List<Map<String, Object>> real) {
    Map<String, Set<Object>> seen = new HashMap<>();
    for (Map<String, Object> values : real) {
      values.forEach(
          (name, value) -> {
            seen.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(value);
            seen.computeIfAbsent(typeKey(name), n -> new LinkedHashSet<>()).add(value);
          });
    }
    Map<String, List<Object>> lists = new HashMap<>();
    seen.forEach((k, v) -> lists.put(k, new ArrayList<>(v)));
    return lists;
  }

  private static Object anyValue(String name, Map<String, List<Object>> seen, Random random) {
    CelType type = Vocabulary.variables().get(name);
    int pick = random.nextInt(3);
    if (pick == 0) {
      List<Object> own = seen.get(name);
      return own.get(random.nextInt(own.size()));
    }
    if (pick == 1) {
      List<Object> sameType = seen.get(typeKey(name));
      return sameType.get(random.nextInt(sameType.size()));
    }
    if (type.equals(SimpleType.BOOL)) {
      return random.nextBoolean();
    }
    if (type.equals(SimpleType.INT)) {
      long[] edges = {-1, 0, 1, 2, 3, 5, 9, 10, 11, 20, 21, Long.MIN_VALUE, Long.MAX_VALUE};
      return edges[random.nextInt(edges.length)];
    }
    if (type.equals(SimpleType.DOUBLE)) {
      double[] edges = {-1.0, -0.0, 0.0, 0.59, 0.6, 0.7, 0.79, 0.8, 0.9, 1.0, 1.5};
      return edges[random.nextInt(edges.length)];
    }
    if (type.equals(SimpleType.STRING)) {
      String[] edges = {
        "",
        "ROLLBACK",
        "RESTART",
        "SCALE",
        "UP",
        "DOWN",
        "deployment",
        "all",
        "shop",
        "kube-system",
        "prod-db",
        "checkout",
        "STATEFULSET",
        "DEPLOYMENT"
      };
      return edges[random.nextInt(edges.length)];
    }
    if (type instanceof ListType) {
      List<List<String>> edges =
          List.of(
              List.of(),
              List.of("CREDENTIAL_FAILURE"),
              List.of("CRASH_LOOP", "REPLICAS_BLOCKED"),
              List.of("REPLICAS_BLOCKED"),
              List.of("DEPENDENCY_FAILURE", "CONFIG_MISSING"),
              List.of("STALE_CREDENTIAL"),
              List.of("CONFIG_CHANGED", "OOM_KILLED"),
              List.of("shop", "default"),
              List.of("prod-db", "checkout"));
      return edges.get(random.nextInt(edges.size()));
    }
    throw new IllegalStateException("no values for " + name);
  }

  private static String typeKey(String name) {
    return "type:" + Vocabulary.variables().get(name);
  }
}
