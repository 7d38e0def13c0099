package io.backstop.stack.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A service JVM's class-data archive: extracted once per build of its jar, recorded by the first
 * JVM, kept only after a clean exit, mapped by every JVM after it, started over when the jar's
 * bytes, the JDK or the options change (not its time), and never in the way of a start when it
 * cannot be had. The last test runs real JVMs: one records as SIGTERM stops it, the next loads its
 * classes from the archive.
 */
class ServiceClassArchiveTest {

  private static final List<String> OPTIONS = List.of("-Xmx64m", "-XX:+UseSerialGC");

  @TempDir Path dir;

  private final AtomicInteger extractions = new AtomicInteger();

  /** Stands in for Spring Boot's extraction: the application's jar copied into the destination. */
  private Path copyExtract(Path execJar, Path destination) throws IOException {
    extractions.incrementAndGet();
    Files.createDirectories(destination.resolve("lib"));
    Path app = destination.resolve(execJar.getFileName());
    Files.copy(execJar, app);
    return app;
  }

  private Path execJar() throws IOException {
    Path jar = dir.resolve("svc-exec.jar");
    if (!Files.exists(jar)) {
      Files.write(jar, new byte[] {1, 2, 3});
    }
    return jar;
  }

  /** A cache whose first start recorded and exited cleanly: the archive stands. */
  private Path recorded() throws IOException {
    Path cache = dir.resolve("cache");
    ServiceClassArchive.Launch first = prepare(cache, OPTIONS);
    Files.write(first.recording().orElseThrow().partial(), new byte[] {42});
    first.recording().orElseThrow().finish(0);
    return cache;
  }

  private ServiceClassArchive.Launch prepare(Path cache, List<String> options) throws IOException {
    return ServiceClassArchive.prepare(execJar(), cache, options, this::copyExtract);
  }

  @Test
  void theFirstStartExtractsAndRecordsAndACleanExitLeavesWhatEveryLaterStartMaps()
      throws Exception {
    Path cache = dir.resolve("cache");

    ServiceClassArchive.Launch first = prepare(cache, OPTIONS);

    assertThat(first.use()).isEqualTo(ClassArchiveUse.RECORDING);
    assertThat(extractions).hasValue(1);
    Path partial = first.recording().orElseThrow().partial();
    Path app = cache.resolve("app").resolve("svc-exec.jar");
    assertThat(first.arguments())
        .containsExactly(
            "-XX:ArchiveClassesAtExit=" + partial,
            "-Xlog:cds=off",
            "-Xlog:cds+dynamic=off",
            "-jar",
            app.toString());
    Files.write(partial, new byte[] {42}); // what the JVM writes on its way out

    assertThat(first.recording().orElseThrow().finish(143)).isTrue();

    assertThat(partial).doesNotExist();
    ServiceClassArchive.Launch second = prepare(cache, OPTIONS);
    ServiceClassArchive.Launch third = prepare(cache, OPTIONS);
    assertThat(extractions).as("extracted once for the jar").hasValue(1);
    for (ServiceClassArchive.Launch later : List.of(second, third)) {
      assertThat(later.use()).isEqualTo(ClassArchiveUse.MAPPED);
      assertThat(later.recording()).isEmpty();
      assertThat(later.arguments())
          .containsExactly(
              "-XX:SharedArchiveFile=" + cache.resolve("classes.jsa"),
              "-Xlog:cds=off",
              "-Xlog:cds+dynamic=off",
              "-jar",
              app.toString());
    }
  }

  @ParameterizedTest(name = "exit {0}")
  @ValueSource(ints = {137, 134, 139, 1})
  void aRecordingWhoseJvmWasKilledCrashedOrFailedIsDiscardedAndTheNextStartRecordsAgain(int exit)
      throws Exception {
    Path cache = dir.resolve("cache");
    ServiceClassArchive.Launch first = prepare(cache, OPTIONS);
    Path partial = first.recording().orElseThrow().partial();
    Files.write(partial, new byte[] {42});

    assertThat(first.recording().orElseThrow().finish(exit)).isFalse();

    assertThat(partial).doesNotExist();
    assertThat(cache.resolve("classes.jsa")).doesNotExist();
    ServiceClassArchive.Launch again = prepare(cache, OPTIONS);
    assertThat(again.use()).isEqualTo(ClassArchiveUse.RECORDING);
    assertThat(extractions).as("the extraction stands").hasValue(1);
  }

  @Test
  void aJvmThatWroteNothingLeavesNoArchive() throws Exception {
    Path cache = dir.resolve("cache");
    ServiceClassArchive.Launch first = prepare(cache, OPTIONS);
    Path partial = first.recording().orElseThrow().partial();
    Files.write(partial, new byte[0]);

    assertThat(first.recording().orElseThrow().finish(0)).isFalse();
    assertThat(first.recording().orElseThrow().finish(143))
        .as("nor one that wrote no file at all")
        .isFalse();

    assertThat(cache.resolve("classes.jsa")).doesNotExist();
    assertThat(prepare(cache, OPTIONS).use()).isEqualTo(ClassArchiveUse.RECORDING);
  }

  @Test
  void aJarRebuiltToTheSameBytesKeepsItsArchiveWhateverItsTime() throws Exception {
    Path cache = recorded();

    Files.write(execJar(), new byte[] {1, 2, 3});
    Files.setLastModifiedTime(
        execJar(), FileTime.fromMillis(Files.getLastModifiedTime(execJar()).toMillis() + 60_000));
    ServiceClassArchive.Launch rebuilt = prepare(cache, OPTIONS);

    assertThat(rebuilt.use()).isEqualTo(ClassArchiveUse.MAPPED);
    assertThat(extractions).as("not extracted again").hasValue(1);
  }

  @Test
  void aJarWithOtherBytesOrOtherJvmOptionsStartOverFromANewExtraction() throws Exception {
    Path cache = recorded();
    assertThat(prepare(cache, OPTIONS).use()).isEqualTo(ClassArchiveUse.MAPPED);

    // A reproducible build gives a changed jar the time the unchanged one had, and one changed
    // constant may leave its size alone: only its bytes tell.
    FileTime time = Files.getLastModifiedTime(execJar());
    Files.write(execJar(), new byte[] {1, 2, 4});
    Files.setLastModifiedTime(execJar(), time);
    ServiceClassArchive.Launch rebuilt = prepare(cache, OPTIONS);

    assertThat(rebuilt.use()).isEqualTo(ClassArchiveUse.RECORDING);
    assertThat(extractions).hasValue(2);
    assertThat(cache.resolve("classes.jsa")).as("the old archive is gone").doesNotExist();

    Files.write(rebuilt.recording().orElseThrow().partial(), new byte[] {42});
    rebuilt.recording().orElseThrow().finish(0);
    ServiceClassArchive.Launch otherOptions = prepare(cache, List.of("-Xmx128m"));
    assertThat(otherOptions.use()).isEqualTo(ClassArchiveUse.RECORDING);
    assertThat(extractions).hasValue(3);
  }

  @Test
  void whenExtractingFailsTheServiceStartsFromItsExecutableJarAndSaysWhy() throws Exception {
    Path cache = dir.resolve("cache");

    ServiceClassArchive.Launch launch =
        ServiceClassArchive.prepare(
            execJar(),
            cache,
            OPTIONS,
            (jar, destination) -> {
              throw new IOException("extracting svc-exec.jar exited 1");
            });

    assertThat(launch.arguments()).containsExactly("-jar", execJar().toString());
    assertThat(launch.recording()).isEmpty();
    assertThat(launch.use()).isEqualTo(ClassArchiveUse.UNAVAILABLE);
    assertThat(launch.reason()).contains("exited 1");
  }

  @Test
  void aCacheThatCannotBeCreatedIsNoReasonNotToStart() throws Exception {
    Path notADirectory = dir.resolve("file");
    Files.write(notADirectory, new byte[] {1});

    ServiceClassArchive.Launch launch = prepare(notADirectory.resolve("cache"), OPTIONS);

    assertThat(launch.arguments()).containsExactly("-jar", execJar().toString());
    assertThat(launch.use()).isEqualTo(ClassArchiveUse.UNAVAILABLE);
    assertThat(launch.reason()).isNotBlank();
  }

  @Test
  void theArchiveLivesBesideAModulesJarAndElseInTheUsersCache() {
    assertThat(
            SeparateProcessLauncher.archiveCache(
                Path.of("/r/triage-service/target/triage-service-0.1.0-SNAPSHOT-exec.jar"),
                "triage-service"))
        .isEqualTo(Path.of("/r/triage-service/target/class-archive"));
    assertThat(
            SeparateProcessLauncher.archiveCache(
                Path.of("/m2/io/backstop/triage-service/0.1.0-SNAPSHOT/x-exec.jar"),
                "triage-service"))
        .isEqualTo(
            Path.of(
                System.getProperty("user.home"),
                ".cache",
                "backstop",
                "class-archive",
                "triage-service-" + Versions.PROJECT));
  }

  /**
   * Real JVMs: the first, started as the launcher starts a service JVM, is stopped with SIGTERM and
   * writes its archive on the way out; the second maps it, and the JVM's own class-loading log says
   * the program's class came from the archive, not from the jar.
   */
  @Test
  void aRealJvmStoppedWithSigtermRecordsAndTheNextLoadsItsClassesFromTheArchive() throws Exception {
    Path jar = probeJar();
    Path cache = dir.resolve("cache");
    List<String> options = List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    ServiceClassArchive.Launch recording =
        ServiceClassArchive.prepare(jar, cache, options, this::copyExtract);
    Process first = java(options, recording.arguments(), List.of(), List.of());
    assertThat(firstLine(first)).isEqualTo("probe up");
    first.destroy();
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).isEqualTo(143);
    assertThat(recording.recording().orElseThrow().finish(first.exitValue())).isTrue();

    ServiceClassArchive.Launch mapped =
        ServiceClassArchive.prepare(jar, cache, options, this::copyExtract);
    assertThat(mapped.use()).isEqualTo(ClassArchiveUse.MAPPED);
    Process second =
        java(options, mapped.arguments(), List.of("-Xlog:class+load=info"), List.of("exit"));
    String out = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(second.exitValue()).as(out).isZero();
    assertThat(out)
        .contains("probe up")
        .containsPattern(
            "io\\.backstop\\.stack\\.services\\.ArchiveProbeMain source: shared objects file");
  }

  private Process java(
      List<String> options, List<String> launch, List<String> more, List<String> args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    command.addAll(more);
    command.addAll(launch);
    command.addAll(args);
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static String firstLine(Process process) throws IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    return reader.readLine();
  }

  /** A runnable jar of {@link ArchiveProbeMain}, as compiled for this test. */
  private Path probeJar() throws IOException {
    Path jar = dir.resolve("probe-exec.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, ArchiveProbeMain.class.getName());
    String entry = ArchiveProbeMain.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        var bytes = ArchiveProbeMain.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      bytes.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }
}
