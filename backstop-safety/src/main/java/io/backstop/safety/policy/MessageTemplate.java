package io.backstop.safety.policy;

import io.backstop.safety.facts.Facts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A policy's message with its {@code {fact.name}} placeholders found once, when the policy file is
 * loaded, rather than by a regular expression on every verdict. Safety rationale: the reason on the
 * record is the same text as before (a placeholder naming no fact stays as written), only cheaper
 * to produce on the review path.
 */
final class MessageTemplate {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+(\\.[A-Za-z]+)*)}");

  /** Literal text, or a fact's name with the placeholder as written. */
  private record Part(String literal, String fact) {}

  private final List<Part> parts;

  private MessageTemplate(List<Part> parts) {
    this.parts = List.copyOf(parts);
  }

  static MessageTemplate parse(String message) {
    List<Part> parts = new ArrayList<>();
    Matcher matcher = PLACEHOLDER.matcher(message);
    int at = 0;
    while (matcher.find()) {
      if (matcher.start() > at) {
        parts.add(new Part(message.substring(at, matcher.start()), null));
      }
      parts.add(new Part(matcher.group(), matcher.group(1)));
      at = matcher.end();
    }
    if (at < message.length()) {
      parts.add(new Part(message.substring(at), null));
    }
    return new MessageTemplate(parts);
  }

  /** The message with each placeholder naming a fact replaced by the fact's value. */
  String render(Facts facts) {
    Map<String, Object> values = facts.activation();
    StringBuilder out = new StringBuilder();
    for (Part part : parts) {
      if (part.fact() != null && values.containsKey(part.fact())) {
        out.append(String.valueOf(values.get(part.fact())));
      } else {
        out.append(part.literal());
      }
    }
    return out.toString();
  }
}
