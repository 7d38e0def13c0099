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

  /** The system property that replaces the service JVMs' options. */
  public static final String JVM_OPTIONS_PROPERTY = "backstop.stack.serviceJvmOptions";

  /**
   * The service JVMs' options unless {@value #JVM_OPTIONS_PROPERTY} is set: five of them start at
   * once on a small machine, so the client compiler only (no C2 compiling the start's hot code)
   * halves the CPU the five spend before they are ready, for a lower steady-state speed that this
   * local stack does not need (its speed figures are measured in one JVM); the serial collector
   * alone did not change the start, it keeps each heap small. The common pool gets two threads as
   * in the images (on two cores it would have one, and the JDK's HTTP client would then start a
   * thread for every asynchronous response). Production images set their own options.
   */
  static final String DEFAULT_JVM_OPTIONS =
      "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
          + " -Djava.util.concurrent.ForkJoinPool.common.parallelism=2";

  private final Path logs;
  private final List<Path> searchRoots;

  public SeparateProcessLauncher(Path logs, List<Path> searchRoots) {
    this.logs = logs;
    this.searchRoots = List.copyOf(searchRoots);
  }

  public RunningService start(ServiceSpec spec) {
    Path jar = execJar(spec.execJarArtifact());
    List<String> options = jvmOptions();
    ServiceClassArchive.Launch launch =
        ServiceClassArchive.enabled()
            ? ServiceClassArchive.prepare(
                jar,
                archiveCache(jar, spec.execJarArtifact()),
                options,
                ServiceClassArchive::springBootExtract)
            : ServiceClassArchive.Launch.plain(
                jar, ClassArchiveUse.OFF, ServiceClassArchive.PROPERTY + "=off");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    command.addAll(launch.arguments());
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
      Process process;
      try {
        process = builder.start();
      } catch (IOException e) {
        launch.recording().ifPresent(ServiceClassArchive.Recording::discard);
        throw e;
      }
      return new Child(
          spec.name(),
          spec.port(),
          process,
          launch.recording(),
          launch.use(),
          new java.util.concurrent.atomic.AtomicBoolean());
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + spec.name() + " from " + jar, e);
    }
  }

  /**
   * Where a service's extraction and class-data archive live: beside its jar when that is a
   * module's {@code target} directory (a clean build removes both), else in the user's cache.
   */
  static Path archiveCache(Path jar, String artifact) {
    Path dir = jar.toAbsolutePath().getParent();
    if (dir.getFileName() != null && dir.getFileName().toString().equals("target")) {
      return dir.resolve("class-archive");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "backstop", "class-archive")
        .resolve(artifact + "-" + Versions.PROJECT);
  }

  /**
   * The service JVMs' options: {@value #JVM_OPTIONS_PROPERTY} when set (e.g. to compare settings),
   * else {@link #DEFAULT_JVM_OPTIONS}.
   */
  static List<String> jvmOptions() {
    String options = System.getProperty(JVM_OPTIONS_PROPERTY, DEFAULT_JVM_OPTIONS).strip();
    return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
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

  /**
   * A service JVM. One that records its class-data archive writes it as it exits, which on a busy
   * two-core machine takes seconds, so closing it waits longer before it gives up and kills it; the
   * recording is kept only when the service had answered its health check and then exited cleanly.
   */
  private record Child(
      String name,
      int port,
      Process process,
      java.util.Optional<ServiceClassArchive.Recording> recording,
      ClassArchiveUse archive,
      java.util.concurrent.atomic.AtomicBoolean answered)
      implements RunningService {
    @Override
    public void ready() {
      answered.set(true);
    }

    @Override
    public void beginStop() {
      process.destroy();
    }

    @Override
    public java.util.Optional<ClassArchiveUse> classArchive() {
      return java.util.Optional.of(archive);
    }

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
      recording.ifPresent(ServiceClassArchive.Recording::discard);
    }

    @Override
    public boolean killedBySignal() {
      return true;
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(recording.isPresent() && answered.get() ? 90 : 20, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(20, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
      recording.ifPresent(
          r -> {
            if (process.isAlive() || !answered.get()) {
              r.discard();
            } else {
              r.finish(process.exitValue());
            }
          });
    }
  }
}
