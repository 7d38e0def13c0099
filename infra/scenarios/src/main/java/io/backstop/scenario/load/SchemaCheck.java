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
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates a scenario document against {@code scenario.schema.json} and words each error for a
 * person editing YAML: the field it concerns and what it must be.
 */
public final class SchemaCheck {

  public static final String SCHEMA_RESOURCE = "scenarios/scenario.schema.json";

  private static final Set<String> COMBINATORS = Set.of("oneOf", "anyOf");

  private final Schema schema;
  private final JsonNode tree;

  private SchemaCheck(Schema schema, JsonNode tree) {
    this.schema = schema;
    this.tree = tree;
  }

  /** The check for the schema shipped on the classpath. */
  public static SchemaCheck shipped() {
    try (InputStream in = SchemaCheck.class.getClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "scenario schema missing from classpath: " + SCHEMA_RESOURCE);
      }
      JsonNode tree = JsonMapper.shared().readTree(in);
      var registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
      return new SchemaCheck(registry.getSchema(tree), tree);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SCHEMA_RESOURCE, e);
    }
  }

  /**
   * Every violation, at most one per field. Where a value matches none of a {@code oneOf}'s forms,
   * the errors of each form are summed up as one, unless they point inside the value (an item of a
   * list), which is more precise.
   */
  public List<Violation> check(JsonNode document) {
    var errors = schema.validate(document);
    var byField = new LinkedHashMap<String, Violation>();
    for (Error error : errors) {
      if (!kept(error, errors)) {
        continue;
      }
      var violation = isSummary(error) ? summary(error) : describe(error);
      byField.putIfAbsent(violation.path().pointer(), violation);
    }
    return new ArrayList<>(byField.values());
  }

  private static boolean kept(Error error, List<Error> errors) {
    String at = pointer(error);
    if (isSummary(error)) {
      return errors.stream().noneMatch(other -> isBranch(other) && deeper(pointer(other), at));
    }
    if (isBranch(error)) {
      return errors.stream()
          .filter(SchemaCheck::isSummary)
          .map(SchemaCheck::pointer)
          .noneMatch(summaryAt -> summaryAt.equals(at));
    }
    return true;
  }

  private Violation summary(Error error) {
    String location = String.valueOf(error.getSchemaLocation());
    int hash = location.indexOf('#');
    String pointer = hash < 0 ? "" : location.substring(hash + 1);
    pointer = pointer.substring(0, Math.max(0, pointer.lastIndexOf('/')));
    String description = tree.at(pointer).path("description").asString("");
    return new Violation(
        toFieldPath(error.getInstanceLocation()),
        description.isEmpty()
            ? "matches none of the forms the scenario format allows here"
            : "matches none of the allowed forms: " + description);
  }

  private static boolean isSummary(Error error) {
    return COMBINATORS.contains(error.getKeyword());
  }

  private static boolean isBranch(Error error) {
    var path = error.getEvaluationPath();
    return !isSummary(error) && path != null && (path.contains("oneOf") || path.contains("anyOf"));
  }

  private static boolean deeper(String pointer, String than) {
    return pointer.startsWith(than + "/");
  }

  private static String pointer(Error error) {
    return toFieldPath(error.getInstanceLocation()).pointer();
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
