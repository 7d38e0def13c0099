package io.backstop.scenario;

import io.backstop.scenario.ScenarioException.Problem;
import io.backstop.scenario.load.ConsistencyCheck;
import io.backstop.scenario.load.DurationText;
import io.backstop.scenario.load.FieldPath;
import io.backstop.scenario.load.LineIndex;
import io.backstop.scenario.load.SchemaCheck;
import io.backstop.scenario.load.ShippedScenarios;
import io.backstop.scenario.load.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads scenario files: YAML, validated against {@code scenario.schema.json} and checked for
 * consistency. Anything wrong is a {@link ScenarioException} naming the file, line and field.
 */
public final class ScenarioLoader {

  /** Where shipped scenarios live on the classpath. */
  public static final String RESOURCE_DIRECTORY = "scenarios/";

  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .addModule(
              new SimpleModule("scenario-durations")
                  .addDeserializer(Duration.class, new DurationText.Deserializer()))
          .build();
  private static final SchemaCheck SCHEMA = SchemaCheck.shipped();

  private ScenarioLoader() {}

  /** Loads one scenario file. */
  public static Scenario load(Path file) {
    String name = file.getFileName().toString();
    try {
      return parse(name, Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw ScenarioException.of(name, 1, "", "cannot read the file: " + e.getMessage());
    }
  }

  /**
   * Loads a scenario from the classpath: a shipped one by file name ({@code
   * bad-deploy-hallucinated-sha.yaml}) or any resource path containing a '/'.
   */
  public static Scenario loadResource(String resource) {
    String path = resource.contains("/") ? resource : RESOURCE_DIRECTORY + resource;
    String name = path.substring(path.lastIndexOf('/') + 1);
    try (InputStream in = ScenarioLoader.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw ScenarioException.of(name, 1, "", "no such scenario on the classpath: " + path);
      }
      return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read scenario resource " + path, e);
    }
  }

  /**
   * A scenario by file path, or a shipped one by name, with or without {@code .yaml} ({@code
   * memory-leak}). Naming neither is a {@link ScenarioException} that lists the shipped names.
   */
  public static Scenario fileOrShipped(String fileOrName) {
    Path file = Path.of(fileOrName);
    if (Files.isRegularFile(file)) {
      return load(file);
    }
    String name = fileOrName.endsWith(".yaml") ? fileOrName : fileOrName + ".yaml";
    if (shippedNames().contains(name)) {
      return loadResource(name);
    }
    throw ScenarioException.of(
        fileOrName,
        1,
        "",
        "no scenario file of that name and no shipped scenario of that name (shipped: "
            + String.join(", ", shippedNames())
            + ")");
  }

  /** Every scenario shipped on the classpath, by file name order. */
  public static List<Scenario> shipped() {
    return ShippedScenarios.fileNames().stream().map(ScenarioLoader::loadResource).toList();
  }

  /** The file names of the shipped scenarios ({@code bad-deploy-hallucinated-sha.yaml}, ...). */
  public static List<String> shippedNames() {
    return ShippedScenarios.fileNames();
  }

  /** Parses scenario text; {@code fileName} is only used to name the file in problems. */
  public static Scenario parse(String fileName, String text) {
    JsonNode tree = readTree(fileName, text);
    var lines = LineIndex.of(YAML, text);
    failOn(fileName, lines, SCHEMA.check(tree));
    Scenario scenario = bind(fileName, lines, tree);
    var violations = new ArrayList<>(ConsistencyCheck.check(scenario));
    String expectedName = baseName(fileName);
    if (fileName.endsWith(".yaml") && !expectedName.equals(scenario.name())) {
      violations.add(
          new Violation(
              FieldPath.of("name"),
              "must match the file name '"
                  + expectedName
                  + "', but was '"
                  + scenario.name()
                  + "'"));
    }
    failOn(fileName, lines, violations);
    return scenario;
  }

  private static JsonNode readTree(String fileName, String text) {
    try {
      JsonNode tree = YAML.readTree(text);
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        throw ScenarioException.of(fileName, 1, "", "the document is empty");
      }
      if (!tree.isObject()) {
        throw ScenarioException.of(fileName, 1, "", "the document must be a mapping of fields");
      }
      return tree;
    } catch (JacksonException e) {
      int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
      throw ScenarioException.of(fileName, line, "", "not valid YAML: " + e.getOriginalMessage());
    }
  }

  private static Scenario bind(String fileName, LineIndex lines, JsonNode tree) {
    try {
      return YAML.treeToValue(tree, Scenario.class);
    } catch (JacksonException e) {
      var elements = new ArrayList<Object>();
      for (var reference : e.getPath()) {
        elements.add(
            reference.getPropertyName() != null
                ? reference.getPropertyName()
                : reference.getIndex());
      }
      var path = new FieldPath(elements);
      throw ScenarioException.of(
          fileName, lines.lineOf(path), path.toString(), e.getOriginalMessage());
    }
  }

  private static void failOn(String fileName, LineIndex lines, List<Violation> violations) {
    if (violations.isEmpty()) {
      return;
    }
    var problems =
        violations.stream()
            .map(
                v ->
                    new Problem(fileName, lines.lineOf(v.path()), v.path().toString(), v.message()))
            .sorted(Comparator.comparingInt(Problem::line))
            .toList();
    throw new ScenarioException(problems);
  }

  private static String baseName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot < 0 ? fileName : fileName.substring(0, dot);
  }
}
