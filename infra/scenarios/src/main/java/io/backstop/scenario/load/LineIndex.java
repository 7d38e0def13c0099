package io.backstop.scenario.load;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;

/**
 * The line each field of a YAML document starts on, read from the YAML parser's token locations, so
 * that a problem found later on the tree can name its line.
 */
public final class LineIndex {

  private final Map<String, Integer> lines;

  private LineIndex(Map<String, Integer> lines) {
    this.lines = lines;
  }

  /** Indexes {@code text}; the caller has already parsed it, so it is well-formed. */
  public static LineIndex of(ObjectMapper yaml, String text) {
    var lines = new HashMap<String, Integer>();
    try (var parser = yaml.createParser(text)) {
      for (var token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          continue;
        }
        String pointer = parser.streamReadContext().pathAsPointer().toString();
        lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
      }
    }
    return new LineIndex(lines);
  }

  /** The line {@code path} starts on, or its nearest ancestor's; 1 for the document. */
  public int lineOf(FieldPath path) {
    for (var at = path; ; at = at.parent()) {
      Integer line = lines.get(at.pointer());
      if (line != null && line > 0) {
        return line;
      }
      if (at.isRoot()) {
        return 1;
      }
    }
  }
}
