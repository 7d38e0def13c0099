package io.backstop.triage.kubernetes;

import java.io.IOException;
import java.io.Reader;

/**
 * Keeps the end of a log: reads at most {@link #READ_FACTOR} times the budget and returns the last
 * {@code maxChars} characters, starting at a line boundary when one is close, so one enormous line
 * can neither exhaust memory nor crowd out the rest of the evidence.
 */
final class LogTail {

  static final int READ_FACTOR = 8;

  private LogTail() {}

  static String lastChars(Reader reader, int maxChars) throws IOException {
    StringBuilder all = new StringBuilder();
    char[] buffer = new char[4096];
    long cap = (long) maxChars * READ_FACTOR;
    long read = 0;
    int n;
    while (read < cap && (n = reader.read(buffer)) > 0) {
      read += n;
      all.append(buffer, 0, n);
      if (all.length() > 2L * maxChars) {
        all.delete(0, all.length() - maxChars);
      }
    }
    if (all.length() <= maxChars) {
      return all.toString();
    }
    String tail = all.substring(all.length() - maxChars);
    int newline = tail.indexOf('\n');
    return newline >= 0 && newline < 200 ? tail.substring(newline + 1) : tail;
  }
}
