package io.backstop.triage.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body up to a limit; a longer body is refused before it is held in memory. */
final class BoundedBody {

  private BoundedBody() {}

  static byte[] read(InputStream in, long declaredLength, int max) throws IOException {
    if (declaredLength > max) {
      throw tooLarge(max, declaredLength);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) > 0) {
      if (out.size() + n > max) {
        throw tooLarge(max, out.size() + n);
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static InvalidAlertException tooLarge(int max, long size) {
    return new InvalidAlertException(
        "$", "the body must be at most " + max + " bytes, but was at least " + size, 413);
  }
}
