package io.backstop.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * No new package cycle in any module. Each module's main classes are imported as the reactor
 * compiled them, and every set of its packages that reach one another is a cycle; the module's root
 * package (the application and its typed properties, which wire the adapters) is left out, as
 * Spring Modulith leaves out an application's root. The cycles that existed when this test was
 * added are listed, with why, in {@code known-package-cycles.txt}; any other fails the build and
 * names a dependency on each of its edges, and a listed cycle that is gone must be deleted from the
 * list so it stays gone.
 */
class PackageCyclesTest {

  private static final Path ROOT = ModuleClasses.repositoryRoot();

  @Test
  void noModuleHasAPackageCycleBeyondTheKnownOnes() {
    List<SortedSet<String>> known = known();

    List<String> unknown = new ArrayList<>();
    for (PackageGraph graph : graphs()) {
      graph.cycles().stream()
          .filter(c -> known.stream().noneMatch(k -> k.containsAll(c)))
          .map(c -> describe(c, graph))
          .forEach(unknown::add);
    }
    assertThat(unknown)
        .as(
            "package cycles not in known-package-cycles.txt: break each (move the type both"
                + " sides need, or invert the dependency)")
        .isEmpty();
  }

  @Test
  void everyKnownCycleStillExists() {
    List<SortedSet<String>> cycles = graphs().stream().flatMap(g -> g.cycles().stream()).toList();

    assertThat(known())
        .as("known cycles that are gone: delete their lines from known-package-cycles.txt")
        .allMatch(k -> cycles.stream().anyMatch(c -> c.stream().filter(k::contains).count() > 1));
  }

  @Test
  void everyModuleWithMainCodeIsCompiledAndChecked() {
    List<ModuleClasses> modules = ModuleClasses.under(ROOT);

    assertThat(modules)
        .as("the modules found under %s", ROOT)
        .extracting(m -> ROOT.relativize(m.module()).toString().replace('\\', '/'))
        .contains("backstop-events", "backstop-safety", "executor-service", "infra/local-stack");
    assertThat(modules)
        .as(
            "modules whose main classes are missing: build through the reactor (this module is"
                + " listed last so every other module is compiled before it)")
        .allMatch(ModuleClasses::compiled);
  }

  @Test
  void aModulesRootPackageIsTheOneEveryOtherIsUnder() {
    JavaClasses fixture =
        new ClassFileImporter().importPackages("io.backstop.architecture.fixture.cycle");

    assertThat(PackageGraph.root(fixture)).isEmpty();
    assertThat(
            PackageGraph.root(new ClassFileImporter().importPackages("io.backstop.architecture")))
        .isEqualTo("io.backstop.architecture");
  }

  @Test
  void aCycleBetweenTwoPackagesIsFoundAndNamed() {
    PackageGraph graph =
        PackageGraph.of(
            new ClassFileImporter().importPackages("io.backstop.architecture.fixture.cycle"));

    assertThat(graph.cycles())
        .containsExactly(
            new TreeSet<>(
                Set.of(
                    "io.backstop.architecture.fixture.cycle.a",
                    "io.backstop.architecture.fixture.cycle.b")));
    assertThat(describe(graph.cycles().get(0), graph))
        .contains("fixture.cycle.a -> io.backstop.architecture.fixture.cycle.b: ")
        .contains("fixture.cycle.b -> io.backstop.architecture.fixture.cycle.a: ");
  }

  /** One graph per module (cycles across modules cannot exist: Maven forbids them). */
  private static List<PackageGraph> graphs() {
    return ModuleClasses.under(ROOT).stream()
        .map(m -> PackageGraph.of(new ClassFileImporter().importPath(m.classes())))
        .toList();
  }

  private static String describe(Set<String> cycle, PackageGraph graph) {
    return cycle
        + graph.dependenciesWithin(cycle).stream()
            .collect(Collectors.joining("\n    ", "\n    ", ""));
  }

  /** The known cycles, one a line: packages before an optional {@code #} and why. */
  static List<SortedSet<String>> known() {
    try (InputStream in =
        PackageCyclesTest.class.getResourceAsStream("/known-package-cycles.txt")) {
      if (in == null) {
        throw new IllegalStateException(
            "known-package-cycles.txt is missing from the test resources");
      }
      List<SortedSet<String>> known = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String packages = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
        if (!packages.isBlank()) {
          known.add(new TreeSet<>(Arrays.asList(packages.strip().split("\\s+"))));
        }
      }
      return known;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read known-package-cycles.txt", e);
    }
  }
}
