package io.backstop.eval.corpus;

import io.backstop.scenario.load.DurationText;
import io.backstop.scenario.load.FieldPath;
import io.backstop.scenario.load.LineIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a corpus directory: {@code bases/*.yaml} (shared namespaces) and {@code cases/**.yaml} (one
 * incident each). Strict: an unknown field, a duplicate key, a dangling reference or an
 * inconsistent case is a {@link CorpusException} naming the file, line and field.
 */
public final class CorpusLoader {

  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .addModule(
              new SimpleModule("eval-durations")
                  .addDeserializer(Duration.class, new DurationText.Deserializer()))
          .build();

  private CorpusLoader() {}

  public static Corpus load(Path directory) {
    if (!Files.isDirectory(directory.resolve("cases"))) {
      throw new CorpusException(
          directory.toString(), 1, "", "not a corpus: it has no cases/ directory");
    }
    Map<String, Base> bases = new HashMap<>();
    for (Path file : yamlFiles(directory.resolve("bases"))) {
      Base base = read(file, Base.class);
      String name = baseName(file);
      if (!name.equals(base.name())) {
        throw new CorpusException(
            file.getFileName().toString(), 1, "name", "must be the file's name '" + name + "'");
      }
      bases.put(name, base);
    }
    Map<String, EvalCase> cases = new LinkedHashMap<>();
    for (Path file : yamlFiles(directory.resolve("cases"))) {
      EvalCase read = read(file, EvalCase.class);
      String fileName = file.getFileName().toString();
      EvalCase merged = withBase(fileName, read, bases);
      CaseCheck.check(fileName, merged, text(file));
      if (!baseName(file).equals(merged.id())) {
        throw new CorpusException(fileName, 1, "id", "must be the file's name");
      }
      if (cases.put(merged.id(), merged) != null) {
        throw new CorpusException(fileName, 1, "id", "another case has id " + merged.id());
      }
    }
    if (cases.isEmpty()) {
      throw new CorpusException(directory.toString(), 1, "", "the corpus has no cases");
    }
    return new Corpus(directory.toString(), new ArrayList<>(cases.values()));
  }

  private static EvalCase withBase(String file, EvalCase c, Map<String, Base> bases) {
    if (c.base() == null) {
      return c;
    }
    Base base = bases.get(c.base());
    if (base == null) {
      throw new CorpusException(file, 1, "base", "no base named '" + c.base() + "' in bases/");
    }
    Map<String, WorkloadSpec> byName = new LinkedHashMap<>();
    base.workloads().forEach(w -> byName.put(w.name(), w));
    c.workloads().forEach(w -> byName.merge(w.name(), w, CorpusLoader::override));
    return new EvalCase(
        c.id(),
        c.title(),
        c.category(),
        c.source(),
        c.holdout(),
        c.base(),
        c.namespace() == null ? base.namespace() : c.namespace(),
        c.now(),
        c.alert(),
        c.onsetAgo(),
        c.healthWindow(),
        List.copyOf(byName.values()),
        c.evidence(),
        c.symptoms(),
        c.findings(),
        c.prior(),
        c.outputs(),
        c.notes());
  }

  /** A case's workload over the base's: every field the case gives replaces the base's. */
  private static WorkloadSpec override(WorkloadSpec base, WorkloadSpec c) {
    return new WorkloadSpec(
        c.name(),
        c.kind() != null ? c.kind() : base.kind(),
        c.replicas() != null ? c.replicas() : base.replicas(),
        c.ready() != null ? c.ready() : base.ready(),
        c.labels().isEmpty() ? base.labels() : c.labels(),
        c.protectedLabel() != null ? c.protectedLabel() : base.protectedLabel(),
        c.singleton() != null ? c.singleton() : base.singleton(),
        c.paused() != null ? c.paused() : base.paused(),
        c.gitOps() != null ? c.gitOps() : base.gitOps(),
        c.strategy() != null ? c.strategy() : base.strategy(),
        c.hold() != null ? c.hold() : base.hold(),
        c.operator() != null ? c.operator() : base.operator(),
        c.claims() != null ? c.claims() : base.claims(),
        c.revisions().isEmpty() ? base.revisions() : c.revisions());
  }

  private static <T> T read(Path file, Class<T> type) {
    String name = file.getFileName().toString();
    String text = text(file);
    JsonNode tree;
    try {
      tree = YAML.readTree(text);
    } catch (JacksonException e) {
      int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
      throw new CorpusException(name, line, "", "not valid YAML: " + e.getOriginalMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw new CorpusException(name, 1, "", "the document must be a mapping of fields");
    }
    try {
      return YAML.treeToValue(tree, type);
    } catch (JacksonException e) {
      List<Object> elements = new ArrayList<>();
      for (var reference : e.getPath()) {
        elements.add(
            reference.getPropertyName() != null
                ? reference.getPropertyName()
                : reference.getIndex());
      }
      FieldPath path = new FieldPath(elements);
      int line = LineIndex.of(YAML, text).lineOf(path);
      throw new CorpusException(name, line, path.toString(), e.getOriginalMessage());
    }
  }

  /** The line of a field of a case file, for consistency problems. */
  static int lineOf(String text, FieldPath path) {
    return LineIndex.of(YAML, text).lineOf(path);
  }

  private static String text(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static List<Path> yamlFiles(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - ".yaml".length());
  }
}
