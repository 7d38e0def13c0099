package io.backstop.scenario.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shipped scenarios are listed from the module's jar as well as from a classes directory. */
class ShippedScenariosJarTest {

  @Test
  void listsScenarioFilesInsideAJar(@TempDir Path directory) throws IOException {
    Path jar = directory.resolve("scenarios.jar");
    try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String name :
          new String[] {
            "scenarios/scenario.schema.json",
            "scenarios/b.yaml",
            "scenarios/a.yaml",
            "scenarios/notes.txt"
          }) {
        out.putNextEntry(new JarEntry(name));
        out.write("{}".getBytes());
        out.closeEntry();
      }
    }
    try (var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      assertThat(ShippedScenarios.fileNames(loader)).containsExactly("a.yaml", "b.yaml");
    }
  }
}
