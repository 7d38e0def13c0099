package io.backstop.events.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActionTypeTest {

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource(
      nullValues = "none",
      value = {
        "ROLLBACK, ROLLBACK",
        "rollback, ROLLBACK",
        "'  Restart\t', RESTART",
        "scale, SCALE",
        "escalate, ESCALATE",
        "None, NONE",
        "delete, none",
        "rollback_all, none",
        "'roll back', none",
        "reſtart, none",
        "ſcale, none",
        "scaſe, none",
        "rollbacK, ROLLBACK",
        "nonE, NONE",
        "'', none",
      })
  void readsTheExactNameInAnyAsciiCaseAndNothingElse(String requested, ActionType expected) {
    assertThat(ActionType.parse(requested)).isEqualTo(Optional.ofNullable(expected));
  }

  @Test
  void readsEveryTextAsTheUpperCaseComparisonDoes() {
    Random random = new Random(19);
    String alphabet = "ROLBACKSTPEINrolbacksteinſıK _";
    for (int i = 0; i < 50_000; i++) {
      ActionType base = ActionType.values()[random.nextInt(ActionType.values().length)];
      StringBuilder text = new StringBuilder(base.name());
      int edits = random.nextInt(3);
      for (int e = 0; e < edits && text.length() > 0; e++) {
        text.setCharAt(
            random.nextInt(text.length()), alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String candidate =
          random.nextBoolean() ? text.toString().toLowerCase(Locale.ROOT) : text.toString();
      assertThat(ActionType.parse(candidate))
          .as("'%s'", candidate)
          .isEqualTo(byUpperCase(candidate));
    }
  }

  /** The reading as first written: ASCII only, then the upper case compared to each name. */
  private static Optional<ActionType> byUpperCase(String requested) {
    String verb = requested.strip();
    if (!verb.chars().allMatch(c -> c < 128)) {
      return Optional.empty();
    }
    for (ActionType type : ActionType.values()) {
      if (type.name().equals(verb.toUpperCase(Locale.ROOT))) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
