package io.backstop.triage.intake;

import java.io.IOException;
import java.io.InputStream;

/** Alertmanager webhook bodies under {@code src/test/resources/alertmanager}. */
public final class Payloads {

  private Payloads() {}

  public static byte[] read(String name) throws IOException {
    try (InputStream in = Payloads.class.getResourceAsStream("/alertmanager/" + name)) {
      return in.readAllBytes();
    }
  }
}
