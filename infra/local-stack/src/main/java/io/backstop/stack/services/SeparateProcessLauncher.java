package io.backstop.stack.services;

import io.backstop.events.codec.EventCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs a service as its own JVM from its executable jar, as in production: its own process, its own
 * classpath, its own log file. The jar is the module's {@code -exec.jar} from the local Maven
 * repository (where {@code ./backstop} installs it) or the module's {@code target} directory. The
 * service's properties (tokens and keys among them) go in its environment as {@code
 * SPRING_APPLICATION_JSON}, which Spring Boot ranks above the service's own configuration, never on
 * its command line, where {@code ps} would show them to every user of the machine.
 */
public final class SeparateProcessLauncher {

  private final Path logs;
  private final List<Path> searchRoots;

  public SeparateProcessLauncher(Path logs, List<Path> searchRoots) {
    this.logs = logs;
    this.searchRoots = List.copyOf(searchRoots);
  }

  public RunningService start(ServiceSpec spec) {
    Path jar = execJar(spec.execJarArtifact());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.add("-jar");
    command.add(jar.toString());
    Map<String, String> properties = new TreeMap<>(spec.properties());
    properties.put("server.port", String.valueOf(spec.port()));
    properties.put("logging.file.name", logs.resolve(spec.name() + ".log").toString());
    try {
      Files.createDirectories(logs);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(logs.resolve(spec.name() + ".out").toFile());
      builder
          .environment()
          .put("SPRING_APPLICATION_JSON", EventCodec.mapper().writeValueAsString(properties));
      Process process = builder.start();
      return new Child(spec.name(), spec.port(), process);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + spec.name() + " from " + jar, e);
    }
  }

  private Path execJar(String artifact) {
    String file = artifact + "-" + Versions.PROJECT + "-exec.jar";
    for (Path root : searchRoots) {
      for (Path candidate :
          List.of(
              root.resolve(artifact).resolve("target").resolve(file),
              root.resolve("io/backstop")
                  .resolve(artifact)
                  .resolve(Versions.PROJECT)
                  .resolve(file))) {
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException(
        "no executable jar " + file + " found; build it with ./mvnw -q -DskipTests install");
  }

  private record Child(String name, int port, Process process) implements RunningService {
    @Override
    public java.util.OptionalLong pid() {
      return java.util.OptionalLong.of(process.pid());
    }

    @Override
    public void kill() {
      process.destroyForcibly();
      try {
        process.waitFor(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public boolean killedBySignal() {
      return true;
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
