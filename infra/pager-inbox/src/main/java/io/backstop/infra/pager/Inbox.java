package io.backstop.infra.pager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the pager inbox received: kept in memory and appended, one JSON object per line, to {@code
 * pager-inbox.jsonl} in the inbox directory, so a person can read what was paged after the fact.
 */
final class Inbox {

  static final String FILE_NAME = "pager-inbox.jsonl";

  private final JsonMapper json;
  private final Path file;
  private final List<ReceivedEvent> events = new ArrayList<>();
  private final Map<String, String> stateByDedupKey = new LinkedHashMap<>();

  Inbox(JsonMapper json, Path directory) {
    this.json = json;
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the pager inbox directory " + directory, e);
    }
    this.file = directory.resolve(FILE_NAME);
  }

  synchronized void add(ReceivedEvent event) {
    events.add(event);
    stateByDedupKey.put(event.dedupKey(), stateAfter(event.eventAction()));
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("receivedAt", event.receivedAt().toString());
    line.put("dedup_key", event.dedupKey());
    line.put("body", event.body());
    try {
      Files.writeString(
          file,
          json.writeValueAsString(line) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
  }

  synchronized List<ReceivedEvent> events() {
    return List.copyOf(events);
  }

  synchronized Map<String, String> states() {
    return Map.copyOf(stateByDedupKey);
  }

  private static String stateAfter(String action) {
    return switch (action) {
      case "trigger" -> "triggered";
      case "acknowledge" -> "acknowledged";
      default -> "resolved";
    };
  }
}
