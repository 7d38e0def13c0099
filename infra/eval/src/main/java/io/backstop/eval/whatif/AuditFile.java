package io.backstop.eval.whatif;

import io.backstop.events.IncidentEvent;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.codec.EventDecodingException;
import io.backstop.events.codec.EventIntegrityException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An exported audit log: one event document per line (JSON Lines), as {@code backstop audit export}
 * writes it. Reading checks each line's hash over its bytes; a line that does not decode or whose
 * hash does not match is an error naming the line, never silently skipped.
 */
public final class AuditFile {

  private AuditFile() {}

  public static void write(Path file, List<IncidentEvent> events) {
    StringBuilder lines = new StringBuilder();
    for (IncidentEvent event : events) {
      lines.append(EventCodec.encodeToString(event)).append('\n');
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public static List<IncidentEvent> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    List<IncidentEvent> events = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        events.add(EventCodec.verify(line.getBytes(StandardCharsets.UTF_8)));
      } catch (EventDecodingException | EventIntegrityException e) {
        throw new IllegalStateException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return events;
  }
}
