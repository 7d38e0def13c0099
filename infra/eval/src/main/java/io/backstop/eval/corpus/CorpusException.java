package io.backstop.eval.corpus;

/** A corpus file that cannot be used, named by file, line and field. */
public final class CorpusException extends RuntimeException {

  private final String file;
  private final int line;
  private final String field;

  public CorpusException(String file, int line, String field, String problem) {
    super(file + ":" + line + (field.isEmpty() ? "" : " (" + field + ")") + ": " + problem);
    this.file = file;
    this.line = line;
    this.field = field;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public String field() {
    return field;
  }
}
