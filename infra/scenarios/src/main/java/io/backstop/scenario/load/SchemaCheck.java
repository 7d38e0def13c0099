package io.backstop.scenario.load;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Validates a scenario document against {@code scenario.schema.json} and words each error for a
 * person editing YAML: the field it concerns and what it must be.
 */
public final class SchemaCheck {

  public static final String SCHEMA_RESOURCE = "scenarios/scenario.schema.json";

  private static final Set<String> COMBINATORS = Set.of("oneOf", "anyOf", "allOf", "if", "then");

  private final Schema schema;

  private SchemaCheck(Schema schema) {
    this.schema = schema;
  }

  /** The check for the schema shipped on the classpath. */
  public static SchemaCheck shipped() {
    try (InputStream in = SchemaCheck.class.getClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "scenario schema missing from classpath: " + SCHEMA_RESOURCE);
      }
      var registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
      return new SchemaCheck(registry.getSchema(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SCHEMA_RESOURCE, e);
    }
  }

  /**
   * Every violation, at most one per field; a combinator's summary ("one of these must hold") is
   * left out when a more specific error names the same field or one inside it.
   */
  public List<Violation> check(JsonNode document) {
    var errors = schema.validate(document);
    var byField = new LinkedHashMap<String, Violation>();
    for (Error error : errors) {
      if (COMBINATORS.contains(error.getKeyword()) && hasSpecificError(error, errors)) {
        continue;
      }
      var violation = describe(error);
      byField.putIfAbsent(violation.path().pointer(), violation);
    }
    return new ArrayList<>(byField.values());
  }

  private static boolean hasSpecificError(Error combinator, List<Error> errors) {
    String at = toFieldPath(combinator.getInstanceLocation()).pointer();
    return errors.stream()
        .filter(other -> !COMBINATORS.contains(other.getKeyword()))
        .anyMatch(other -> toFieldPath(other.getInstanceLocation()).pointer().startsWith(at));
  }

  private static Violation describe(Error error) {
    var at = toFieldPath(error.getInstanceLocation());
    String keyword = error.getKeyword() == null ? "" : error.getKeyword();
    return switch (keyword) {
      case "required" -> new Violation(at.property(error.getProperty()), "is required");
      case "additionalProperties" -> unknownField(at, error);
      case "not" -> notAllowed(at, error.getSchemaNode());
      case "pattern" -> new Violation(at, SchemaWording.pattern(error));
      case "minimum", "maximum", "exclusiveMinimum", "enum", "const", "type" ->
          new Violation(at, SchemaWording.bound(keyword, error));
      default -> new Violation(at, SchemaWording.plain(error));
    };
  }

  private static Violation unknownField(FieldPath at, Error error) {
    String property = error.getProperty();
    boolean alreadyInPath =
        !at.isRoot()
            && property != null
            && property.equals(at.elements().get(at.elements().size() - 1));
    var path = property == null || alreadyInPath ? at : at.property(property);
    return new Violation(path, "unknown field: not part of the scenario format");
  }

  private static Violation notAllowed(FieldPath at, JsonNode notSchema) {
    JsonNode required = notSchema == null ? null : notSchema.get("required");
    if (required != null && required.isArray() && required.size() == 1) {
      return new Violation(
          at.property(required.get(0).asString()),
          "is not allowed here (see the format: it goes with another kind or outcome)");
    }
    return new Violation(at, "is not allowed here");
  }

  static FieldPath toFieldPath(NodePath location) {
    var elements = new ArrayList<Object>();
    for (int i = 0; i < location.getNameCount(); i++) {
      elements.add(location.getElement(i));
    }
    return new FieldPath(elements);
  }
}
