package io.backstop.safety.policy;

import io.backstop.events.diagnosis.ModelTier;
import io.backstop.safety.breaker.BreakerSettings;
import io.backstop.safety.budget.BudgetSettings;
import io.backstop.safety.config.ApprovalSettings;
import io.backstop.safety.config.Settings;
import io.backstop.safety.verdict.Gate;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Binds the policy file to {@link PolicyFile} with Jackson, strictly: an unknown key, a missing
 * required key, a duplicate key, a value of the wrong type (no coercion) or a duration that is not
 * ISO-8601 text is a {@link PolicyFileException} naming the path; then checks what the shape cannot
 * say (non-blank text, model tiers, the release-train mode, gates, effects) with the same naming.
 */
final class PolicyFileReader {

  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .addModule(
              new SimpleModule("policy-file-durations")
                  .addDeserializer(Duration.class, new IsoDuration()))
          .build();

  private PolicyFileReader() {}

  static PolicyFile read(String yaml, String origin) {
    PolicyFile file;
    try {
      file = YAML.readValue(yaml, PolicyFile.class);
    } catch (UnrecognizedPropertyException e) {
      throw new PolicyFileException(
          origin,
          where(e, e.getPropertyName())
              + ": unknown key; expected one of "
              + e.getKnownPropertyIds(),
          e);
    } catch (JacksonException e) {
      String at = where(e, null);
      throw new PolicyFileException(
          origin, (at.isEmpty() ? "" : at + ": ") + e.getOriginalMessage(), e);
    }
    if (file == null) {
      throw new PolicyFileException(origin, "the document must be a mapping");
    }
    Checks at = new Checks(origin);
    at.need("settings", file.settings());
    at.need("policies", file.policies());
    return file;
  }

  /** The settings section as validated {@link Settings}. */
  static Settings settings(PolicyFile.SettingsBlock s, String origin) {
    Checks at = new Checks(origin);
    String root = "settings";
    at.need(root, s);
    var confidence = at.need(root + ".confidence", s.confidence());
    var namespaces = at.need(root + ".namespaces", s.namespaces());
    var blast = at.need(root + ".blastRadius", s.blastRadius());
    var rollback = at.need(root + ".rollback", s.rollback());
    var restart = at.need(root + ".restart", s.restart());
    var budget = at.need(root + ".budget", s.budget());
    var costs = at.need(root + ".budget.costs", budget.costs());
    var breaker = at.need(root + ".breaker", s.breaker());
    var loop = at.need(root + ".breaker.loop", breaker.loop());
    return new Settings(
        at.need(root + ".confidence.minimum", confidence.minimum()),
        at.need(root + ".confidence.high", confidence.high()),
        tiers(at.need(root + ".confidence.write", confidence.write()), at),
        at.texts(root + ".namespaces.allowed", namespaces.allowed()),
        at.texts(root + ".namespaces.system", namespaces.system()),
        at.texts(root + ".protectedNames", s.protectedNames()),
        at.need(root + ".blastRadius.scaleMin", blast.scaleMin()),
        at.need(root + ".blastRadius.scaleMax", blast.scaleMax()),
        at.need(root + ".blastRadius.maxReplicasAffected", blast.maxReplicasAffected()),
        at.need(root + ".blastRadius.maxWritesPerIncident", blast.maxWritesPerIncident()),
        coordinated(rollback.releaseTrain(), at),
        at.need(root + ".rollback.maxOnsetDelay", rollback.maxOnsetDelay()),
        at.need(root + ".restart.suspectDeployWindow", restart.suspectDeployWindow()),
        new BudgetSettings(
            at.need(root + ".budget.rerouteBudget", budget.rerouteBudget()),
            at.need(root + ".budget.points", budget.points()),
            at.need(root + ".budget.maxSteps", budget.maxSteps()),
            at.need(root + ".budget.costs.reroute", costs.reroute()),
            at.need(root + ".budget.costs.guardrailHit", costs.guardrailHit()),
            at.need(root + ".budget.costs.blockedAction", costs.blockedAction()),
            at.need(root + ".budget.costs.failedVerification", costs.failedVerification())),
        new BreakerSettings(
            at.need(root + ".breaker.window", breaker.window()),
            at.need(root + ".breaker.maxWrites", breaker.maxWrites()),
            at.need(root + ".breaker.maxFailedRecoveries", breaker.maxFailedRecoveries()),
            at.need(root + ".breaker.loop.window", loop.window()),
            at.need(root + ".breaker.loop.maxWritesPerDeployment", loop.maxWritesPerDeployment()),
            breaker.cooldown() == null ? BreakerSettings.DEFAULT_COOLDOWN : breaker.cooldown()),
        approval(s.approval(), at));
  }

  /** One entry of {@code policies}, the {@code index}th. */
  static PolicyDefinition definition(PolicyFile.PolicyEntry entry, int index, String origin) {
    Checks at = new Checks(origin);
    String path = "policies[" + index + "]";
    at.need(path, entry);
    String id = at.text(path + ".id", entry.id());
    Gate gate =
        Gate.parse(at.text(path + ".gate", entry.gate()))
            .orElseThrow(() -> at.error(path + ".gate", "policy '" + id + "': unknown gate"));
    Effect effect =
        Effect.parse(at.text(path + ".effect", entry.effect()))
            .orElseThrow(
                () -> at.error(path + ".effect", "policy '" + id + "': must be deny or escalate"));
    boolean approvable = Boolean.TRUE.equals(entry.approvable());
    if (approvable && effect != Effect.ESCALATE) {
      throw at.error(
          path + ".approvable",
          "policy '" + id + "' denies: a deny is a hard rule and cannot be approvable");
    }
    return new PolicyDefinition(
        id,
        gate,
        effect,
        at.text(path + ".description", entry.description()),
        at.text(path + ".expression", entry.expression()),
        entry.message() == null ? null : at.text(path + ".message", entry.message()),
        approvable);
  }

  private static Map<ModelTier, Double> tiers(Map<String, Double> write, Checks at) {
    Map<ModelTier, Double> tiers = new EnumMap<>(ModelTier.class);
    write.forEach(
        (key, value) -> {
          String path = "settings.confidence.write." + key;
          ModelTier tier;
          try {
            tier = ModelTier.valueOf(key);
          } catch (IllegalArgumentException e) {
            throw at.error(path, "is not a model tier");
          }
          if (value == null) {
            throw at.error(path, "must be a number, but was null");
          }
          tiers.put(tier, value);
        });
    return tiers;
  }

  /** {@code releaseTrain: escalate} (the default) or {@code coordinated}. */
  private static boolean coordinated(String value, Checks at) {
    String path = "settings.rollback.releaseTrain";
    return switch (at.text(path, value)) {
      case "escalate" -> false;
      case "coordinated" -> true;
      default ->
          throw at.error(path, "must be 'escalate' or 'coordinated', but was '" + value + "'");
    };
  }

  /** The optional {@code approval} block; what it leaves out keeps its default. */
  private static ApprovalSettings approval(PolicyFile.Approval approval, Checks at) {
    ApprovalSettings d = ApprovalSettings.DEFAULTS;
    if (approval == null) {
      return d;
    }
    PolicyFile.Production production = approval.production();
    String prod = "settings.approval.production";
    return new ApprovalSettings(
        approval.expiry() != null ? approval.expiry() : d.expiry(),
        approval.approvers() != null ? approval.approvers() : d.approvers(),
        production != null && production.approvers() != null
            ? production.approvers()
            : d.productionApprovers(),
        production != null && production.namespaces() != null
            ? at.texts(prod + ".namespaces", production.namespaces())
            : d.productionNamespaces(),
        production != null && production.labels() != null
            ? at.textMap(prod + ".labels", production.labels())
            : d.productionLabels());
  }

  private static String where(JacksonException e, String last) {
    List<String> parts = new ArrayList<>();
    for (var reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        parts.add(reference.getPropertyName());
      } else if (reference.getIndex() >= 0 && !parts.isEmpty()) {
        parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "[" + reference.getIndex() + "]");
      }
    }
    if (last != null && (parts.isEmpty() || !parts.get(parts.size() - 1).equals(last))) {
      parts.add(last);
    }
    return String.join(".", parts);
  }

  /** The checks the shape cannot state, each naming the path it failed at. */
  private record Checks(String origin) {

    <T> T need(String path, T value) {
      if (value == null) {
        throw error(path, "is required");
      }
      return value;
    }

    String text(String path, String value) {
      if (value == null || value.isBlank()) {
        throw error(path, "must be non-blank text, but was " + value);
      }
      return value;
    }

    List<String> texts(String path, List<String> values) {
      need(path, values);
      for (String value : values) {
        if (value == null || value.isBlank()) {
          throw error(path, "must hold only non-blank text, but held " + value);
        }
      }
      return values;
    }

    Map<String, String> textMap(String path, Map<String, String> values) {
      Map<String, String> texts = new LinkedHashMap<>();
      values.forEach((key, value) -> texts.put(key, text(path + "." + key, value)));
      return texts;
    }

    PolicyFileException error(String path, String message) {
      return new PolicyFileException(origin, path + ": " + message);
    }
  }

  /** A duration as ISO-8601 text ({@code PT30M}); a bare number is refused, not read as seconds. */
  private static final class IsoDuration extends StdDeserializer<Duration> {

    IsoDuration() {
      super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext context) {
      String text = parser.getString();
      if (parser.currentToken() == JsonToken.VALUE_STRING) {
        try {
          return Duration.parse(text);
        } catch (DateTimeParseException notIso) {
          // named below
        }
      }
      throw InvalidFormatException.from(
          parser,
          "must be an ISO-8601 duration such as PT30M, but was " + text,
          text,
          Duration.class);
    }
  }
}
