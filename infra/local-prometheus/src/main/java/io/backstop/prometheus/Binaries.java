package io.backstop.prometheus;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Prometheus tool binaries as Debian installs them ({@code prometheus}, {@code promtool},
 * {@code prometheus-alertmanager}, {@code amtool}), found on PATH or in {@code /usr/bin}.
 */
public final class Binaries {

  private Binaries() {}

  public static Optional<Path> prometheus() {
    return find("prometheus");
  }

  public static Optional<Path> alertmanager() {
    return find("prometheus-alertmanager").or(() -> find("alertmanager"));
  }

  public static Optional<Path> promtool() {
    return find("promtool");
  }

  public static Optional<Path> amtool() {
    return find("amtool");
  }

  /** An executable of that name on PATH or in /usr/bin. */
  public static Optional<Path> find(String name) {
    for (Path directory : searchPath()) {
      Path candidate = directory.resolve(name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static List<Path> searchPath() {
    var directories = new ArrayList<Path>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String entry : path.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          directories.add(Path.of(entry));
        }
      }
    }
    directories.add(Path.of("/usr/bin"));
    return directories;
  }
}
