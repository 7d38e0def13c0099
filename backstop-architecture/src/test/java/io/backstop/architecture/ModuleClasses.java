package io.backstop.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The modules of the repository, found by walking the tree (so a new module is checked without
 * anyone adding it here), and the directory each compiles its main classes to.
 */
record ModuleClasses(Path module) {

  private static final Set<String> SKIPPED = Set.of("target", "node_modules", ".git", "src");

  /** The repository root: the nearest directory upwards that holds the Maven wrapper. */
  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "no repository root (a directory with mvnw) above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  /** Every module under the root that has main Java sources. */
  static List<ModuleClasses> under(Path root) {
    try (Stream<Path> dirs = Files.walk(root, 4)) {
      return dirs.filter(Files::isDirectory)
          .filter(d -> root.relativize(d).toString().isEmpty() || !skipped(root.relativize(d)))
          .filter(d -> Files.isRegularFile(d.resolve("pom.xml")))
          .filter(d -> Files.isDirectory(d.resolve("src/main/java")))
          .map(ModuleClasses::new)
          .sorted(java.util.Comparator.comparing(ModuleClasses::module))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the modules under " + root, e);
    }
  }

  private static boolean skipped(Path relative) {
    for (Path part : relative) {
      if (SKIPPED.contains(part.toString()) || part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  Path classes() {
    return module.resolve("target/classes");
  }

  /** Whether the reactor compiled this module: its classes directory holds at least one class. */
  boolean compiled() {
    if (!Files.isDirectory(classes())) {
      return false;
    }
    try (Stream<Path> files = Files.walk(classes())) {
      return files.anyMatch(f -> f.toString().endsWith(".class"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + classes(), e);
    }
  }
}
