package io.backstop.scenario.load;

import java.time.Duration;
import java.util.regex.Pattern;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Durations as scenarios write them: {@code 500ms}, {@code 5s}, {@code 12m}, {@code 9d}, {@code
 * 1h30m}.
 */
public final class DurationText {

  private static final Pattern WHOLE = Pattern.compile("^([0-9]+(ms|s|m|h|d))+$");
  private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h|d)");

  private DurationText() {}

  public static Duration parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "must be a duration like 500ms, 5s, 12m, 3h, 9d or 1h30m, but was '" + text + "'");
    }
    var total = Duration.ZERO;
    var parts = PART.matcher(text);
    while (parts.find()) {
      long amount = Long.parseLong(parts.group(1));
      total = total.plus(unit(amount, parts.group(2)));
    }
    return total;
  }

  private static Duration unit(long amount, String unit) {
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  /** Reads a scenario duration during data binding. */
  public static final class Deserializer extends StdDeserializer<Duration> {

    public Deserializer() {
      super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext context) {
      String text = parser.getValueAsString();
      try {
        return parse(text);
      } catch (IllegalArgumentException e) {
        throw InvalidFormatException.from(parser, e.getMessage(), text, Duration.class);
      }
    }
  }
}
