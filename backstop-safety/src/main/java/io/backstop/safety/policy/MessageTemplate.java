package io.backstop.safety.policy;

import io.backstop.safety.facts.Facts;
import io.backstop.safety.facts.Vocabulary;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * Literal text, or the placeholder as written with the {@link Vocabulary#slot} of the fact it
   * names (-1 for a name that is no fact: it stays as written).
   */
  private record Part(String literal, int slot) {}

  private final List<Part> parts;

  /** The literal text's length plus room for each fact's value: the builder grows rarely. */
  private final int capacity;

  private MessageTemplate(List<Part> parts) {
    this.parts = List.copyOf(parts);
    int capacity = 0;
    for (Part part : parts) {
      capacity += part.slot() >= 0 ? 24 : part.literal().length();
    }
    this.capacity = capacity;
  }

  static MessageTemplate parse(String message) {
    List<Part> parts = new ArrayList<>();
    Matcher matcher = PLACEHOLDER.matcher(message);
    int at = 0;
    while (matcher.find()) {
      if (matcher.start() > at) {
        parts.add(new Part(message.substring(at, matcher.start()), -1));
      }
      parts.add(new Part(matcher.group(), Vocabulary.slot(matcher.group(1))));
      at = matcher.end();
    }
    if (at < message.length()) {
      parts.add(new Part(message.substring(at), -1));
    }
    return new MessageTemplate(parts);
  }

  /** The message with each placeholder naming a fact replaced by the fact's value. */
  String render(Facts facts) {
    StringBuilder out = new StringBuilder(capacity);
    for (Part part : parts) {
      if (part.slot() >= 0) {
        out.append(String.valueOf(facts.slot(part.slot())));
      } else {
        out.append(part.literal());
      }
    }
    return out.toString();
  }
}
