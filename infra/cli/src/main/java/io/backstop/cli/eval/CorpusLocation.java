package io.backstop.cli.eval;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the shipped corpus is: under the Backstop checkout the {@code backstop} script runs from
 * (system property {@code backstop.root}), else {@code infra/eval} below the working directory.
 */
final class CorpusLocation {

  private CorpusLocation() {}

  static Path shipped() {
    String root = System.getProperty("backstop.root");
    Path corpus =
        root != null ? Path.of(root, "infra", "eval") : Path.of("infra", "eval").toAbsolutePath();
    if (!Files.isDirectory(corpus.resolve("cases"))) {
      throw new IllegalStateException(
          "no evaluation corpus at " + corpus + "; pass --corpus DIR (a directory with cases/)");
    }
    return corpus;
  }
}
