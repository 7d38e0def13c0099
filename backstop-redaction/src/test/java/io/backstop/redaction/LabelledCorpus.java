package io.backstop.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled corpus under {@code src/test/resources/redaction-corpus/} as texts to scan: every
 * file whole and each of its lines, with the labels' marks taken out.
 */
final class LabelledCorpus {

  static final List<String> FILES =
      List.of(
          "log-lines.txt",
          "env-style.txt",
          "annotations.txt",
          "benign.txt",
          "injection.txt",
          "not-injection.txt",
          "injection-labelled.txt");

  private LabelledCorpus() {}

  /** Every file whole, then its lines, file by file. */
  static List<String> wholeFilesAndLines() {
    List<String> texts = new ArrayList<>();
    for (String file : FILES) {
      String whole = read(file).replace("«", "").replace("»", "");
      texts.add(whole);
      texts.addAll(List.of(whole.split("\n")));
    }
    return texts;
  }

  static String read(String file) {
    try (InputStream in = LabelledCorpus.class.getResourceAsStream("/redaction-corpus/" + file)) {
      assertThat(in).as(file).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
