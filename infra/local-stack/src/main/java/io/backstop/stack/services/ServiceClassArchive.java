package io.backstop.stack.services;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A class-data archive (the JDK's dynamic CDS) for one service JVM of the separate-process stack,
 * the service-JVM counterpart of the one {@code ./backstop} keeps for its own JVM.
 *
 * <p>The JVM cannot archive classes it reads from inside Spring Boot's executable jar, so the jar
 * is first extracted (Spring Boot's {@code -Djarmode=tools extract}: the application's jar and its
 * libraries, side by side) into a cache directory, once per build of the jar. The first JVM started
 * from the extraction records the classes it loads as it exits ({@code -XX:ArchiveClassesAtExit});
 * every JVM after it maps them ({@code -XX:SharedArchiveFile}) instead of finding, inflating,
 * parsing and verifying each one. A stamp (the jar's path, size and checksum, the JDK, the JVM
 * options) decides whether the extraction and its archive still stand; a jar whose bytes changed or
 * another JDK starts over, a jar rebuilt to the same bytes does not. A recording is kept only when
 * its JVM exited on its own or on SIGTERM / SIGINT, never when it was killed or crashed, and it
 * replaces the archive in one move, so a half-written archive is never offered. When extracting
 * fails, the service runs from its executable jar as before, and says why in the stack's log.
 * {@value #PROPERTY}{@code =off} turns it off.
 */
final class ServiceClassArchive {

  /** The system property that turns the service JVMs' class-data archives off ({@code off}). */
  static final String PROPERTY = "backstop.stack.serviceClassArchive";

  /** The JVM's own notes on the archive (mapped or not, recorded) stay out of the service's log. */
  private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

  /**
   * Exit codes that mean the JVM ran its exit and wrote what it recorded: own exit, SIGINT,
   * SIGTERM.
   */
  private static final Set<Integer> CLEAN_EXITS = Set.of(0, 130, 143);

  /** A recording older than this that nobody moved into place belongs to a JVM long gone. */
  private static final Duration STALE_RECORDING = Duration.ofMinutes(10);

  private static final Duration EXTRACT_WAIT = Duration.ofMinutes(2);

  private static final Logger log = LoggerFactory.getLogger(ServiceClassArchive.class);

  /** Extracts an executable jar into a directory holding the application's jar and {@code lib/}. */
  interface Extractor {
    /** Returns the application's jar inside {@code destination}. */
    Path extract(Path execJar, Path destination) throws IOException;
  }

  /**
   * How to start one service JVM: the arguments after its JVM options (the archive's options and
   * {@code -jar ...}), and the recording to keep or discard once it exits, if this start records.
   */
  record Launch(
      List<String> arguments, Optional<Recording> recording, ClassArchiveUse use, String reason) {
    Launch {
      arguments = List.copyOf(arguments);
    }

    /** From the executable jar itself, no archive: {@code use} is OFF or UNAVAILABLE. */
    static Launch plain(Path execJar, ClassArchiveUse use, String reason) {
      return new Launch(List.of("-jar", execJar.toString()), Optional.empty(), use, reason);
    }
  }

  /** An archive being recorded by one JVM, kept or discarded by how that JVM exits. */
  static final class Recording {
    private final Path partial;
    private final Path archive;

    Recording(Path partial, Path archive) {
      this.partial = partial;
      this.archive = archive;
    }

    Path partial() {
      return partial;
    }

    /**
     * Keeps what the JVM wrote when it exited cleanly (0, SIGINT, SIGTERM) and wrote something,
     * else discards it. Returns whether it was kept.
     */
    boolean finish(int exitCode) {
      try {
        if (CLEAN_EXITS.contains(exitCode)
            && Files.isRegularFile(partial)
            && Files.size(partial) > 0) {
          Files.move(
              partial,
              archive,
              StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
          return true;
        }
        discard();
        return false;
      } catch (IOException e) {
        log.warn("cannot keep the class-data archive {}: {}", archive, e.toString());
        discard();
        return false;
      }
    }

    void discard() {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException e) {
        log.warn("cannot delete the partial class-data archive {}: {}", partial, e.toString());
      }
    }
  }

  private ServiceClassArchive() {}

  static boolean enabled() {
    return !"off".equalsIgnoreCase(System.getProperty(PROPERTY, "on").strip());
  }

  /**
   * Prepares a service JVM's start from {@code execJar}, with its archive in {@code cache}: mapped
   * when the cache holds one for this jar, JDK and options; recorded when it holds the extraction
   * only; extracted first when it holds neither. Falls back to the executable jar when the cache
   * cannot be used. One thread of this JVM at a time (a file lock is held per process), and one
   * process at a time through the cache's lock file.
   */
  static synchronized Launch prepare(
      Path execJar, Path cache, List<String> jvmOptions, Extractor extractor) {
    try {
      Files.createDirectories(cache);
      try (FileChannel channel =
              FileChannel.open(
                  cache.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        return prepareLocked(execJar, cache, jvmOptions, extractor);
      }
    } catch (IOException | RuntimeException e) {
      log.warn(
          "no class-data archive for {} (it starts from its executable jar): {}",
          execJar.getFileName(),
          e.toString());
      return Launch.plain(execJar, ClassArchiveUse.UNAVAILABLE, e.toString());
    }
  }

  private static Launch prepareLocked(
      Path execJar, Path cache, List<String> jvmOptions, Extractor extractor) throws IOException {
    String stamp = stamp(execJar, jvmOptions);
    Path stampFile = cache.resolve("stamp");
    Path appDir = cache.resolve("app");
    Path appJarFile = cache.resolve("app-jar");
    Path archive = cache.resolve("classes.jsa");
    Optional<Path> appJar = Optional.empty();
    if (Files.isRegularFile(stampFile)
        && Files.readString(stampFile, StandardCharsets.UTF_8).equals(stamp)
        && Files.isRegularFile(appJarFile)) {
      Path jar = Path.of(Files.readString(appJarFile, StandardCharsets.UTF_8).strip());
      if (Files.isRegularFile(jar)) {
        appJar = Optional.of(jar);
      }
    }
    if (appJar.isEmpty()) {
      deleteContents(cache);
      Path jar = extractor.extract(execJar, appDir);
      if (!Files.isRegularFile(jar)) {
        throw new IOException("extracting " + execJar.getFileName() + " gave no " + jar);
      }
      Files.writeString(appJarFile, jar.toString(), StandardCharsets.UTF_8);
      Files.writeString(stampFile, stamp, StandardCharsets.UTF_8);
      appJar = Optional.of(jar);
    }
    removeStaleRecordings(cache);
    List<String> arguments = new ArrayList<>();
    if (Files.isRegularFile(archive) && Files.size(archive) > 0) {
      arguments.add("-XX:SharedArchiveFile=" + archive);
      arguments.addAll(QUIET);
      arguments.add("-jar");
      arguments.add(appJar.get().toString());
      return new Launch(arguments, Optional.empty(), ClassArchiveUse.MAPPED, "");
    }
    Path partial = cache.resolve("classes.jsa." + UUID.randomUUID() + ".recording");
    arguments.add("-XX:ArchiveClassesAtExit=" + partial);
    arguments.addAll(QUIET);
    arguments.add("-jar");
    arguments.add(appJar.get().toString());
    return new Launch(
        arguments, Optional.of(new Recording(partial, archive)), ClassArchiveUse.RECORDING, "");
  }

  /**
   * The jar as built (its path, size and the CRC-32C of its bytes), the JDK that runs it and the
   * options it runs with. Its contents, not its time: the build writes reproducible jars (every
   * entry and the executable jar itself carry {@code project.build.outputTimestamp}), so a rebuilt
   * jar has the same time whether or not it changed, and the same bytes when it did not, which
   * keeps the extraction and its archive across a rebuild that left the service alone. Reading a
   * service's jar (about 70 MB, from the page cache after a build) for its checksum takes tens of
   * milliseconds.
   */
  static String stamp(Path execJar, List<String> jvmOptions) throws IOException {
    return String.join(
        "\n",
        "jar " + execJar.toAbsolutePath().normalize(),
        "size " + Files.size(execJar),
        "crc32c " + Long.toHexString(checksum(execJar)),
        "java " + System.getProperty("java.home") + " " + System.getProperty("java.vm.version"),
        "options " + String.join(" ", jvmOptions),
        "");
  }

  private static long checksum(Path file) throws IOException {
    CRC32C crc = new CRC32C();
    ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      while (channel.read(buffer) >= 0) {
        buffer.flip();
        crc.update(buffer);
        buffer.clear();
      }
    }
    return crc.getValue();
  }

  private static void removeStaleRecordings(Path cache) throws IOException {
    Instant before = Instant.now().minus(STALE_RECORDING);
    try (Stream<Path> files = Files.list(cache)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".recording")).toList()) {
        try {
          if (Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
            Files.deleteIfExists(file);
          }
        } catch (NoSuchFileException gone) {
          // Moved into place or discarded by its own stack meanwhile.
        }
      }
    }
  }

  /** Everything in the cache but its lock file, so another process waiting on it still can. */
  private static void deleteContents(Path cache) throws IOException {
    try (Stream<Path> top = Files.list(cache)) {
      for (Path entry : top.filter(p -> !p.getFileName().toString().equals(".lock")).toList()) {
        try (Stream<Path> tree = Files.walk(entry)) {
          for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
  }

  /**
   * Spring Boot's own extraction ({@code java -Djarmode=tools -jar app.jar extract}), run with the
   * JDK that runs the stack; its output goes to {@code extract.out} beside the destination.
   */
  static Path springBootExtract(Path execJar, Path destination) throws IOException {
    Path out = destination.resolveSibling("extract.out");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Djarmode=tools",
            "-jar",
            execJar.toString(),
            "extract",
            "--destination",
            destination.toString());
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      if (!process.waitFor(EXTRACT_WAIT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("extracting " + execJar.getFileName() + " took over " + EXTRACT_WAIT);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while extracting " + execJar.getFileName(), e);
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          "extracting "
              + execJar.getFileName()
              + " exited "
              + process.exitValue()
              + " (see "
              + out
              + ")");
    }
    return destination.resolve(execJar.getFileName());
  }
}
