package io.backstop.prometheus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command-line tool for a test and returns its exit code and output. */
final class Tools {

  private Tools() {}

  record Result(int exitCode, String output) {}

  static Result run(Path directory, String... command) throws IOException, InterruptedException {
    var process =
        new ProcessBuilder(new ArrayList<>(List.of(command)))
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Result(-1, String.join(" ", command) + " timed out");
    }
    return new Result(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
