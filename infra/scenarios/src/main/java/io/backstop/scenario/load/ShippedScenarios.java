package io.backstop.scenario.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Lists the scenario files shipped on the classpath under {@code scenarios/}, whether the classes
 * run from a directory (tests, IDE) or from the module's jar.
 */
public final class ShippedScenarios {

  private static final String MARKER = "scenarios/scenario.schema.json";

  private ShippedScenarios() {}

  /** The shipped scenario file names, sorted. */
  public static List<String> fileNames() {
    return fileNames(ShippedScenarios.class.getClassLoader());
  }

  /** The scenario file names {@code classLoader} sees under {@code scenarios/}, sorted. */
  public static List<String> fileNames(ClassLoader classLoader) {
    URL marker = classLoader.getResource(MARKER);
    if (marker == null) {
      throw new IllegalStateException(
          "no shipped scenarios on the classpath: " + MARKER + " missing");
    }
    try {
      URI uri = marker.toURI();
      if ("jar".equals(uri.getScheme())) {
        return inJar(uri);
      }
      return list(Path.of(uri).getParent());
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot list shipped scenarios at " + marker, e);
    }
  }

  private static List<String> inJar(URI uri) throws IOException {
    try {
      return list(FileSystems.getFileSystem(uri).getPath(MARKER).getParent());
    } catch (FileSystemNotFoundException e) {
      try (var jar = FileSystems.newFileSystem(uri, Map.of())) {
        return list(jar.getPath(MARKER).getParent());
      }
    }
  }

  private static List<String> list(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      var names = new TreeSet<String>();
      files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".yaml"))
          .forEach(names::add);
      return List.copyOf(names);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
  }
}
