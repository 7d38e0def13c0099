package io.backstop.events.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.backstop.events.Require;
import java.util.Optional;
import java.util.regex.Pattern;

/** A numbered evidence item ({@code E1}, {@code E2}, ...) that a diagnosis can cite. */
public record EvidenceId(@JsonValue String value) {

  private static final Pattern FORMAT = Pattern.compile("E[1-9][0-9]{0,5}");

  public EvidenceId {
    Require.text(value, "evidenceId");
    if (!FORMAT.matcher(value).matches()) {
      throw new Require.InvalidFieldException(
          "evidenceId", "must look like E1, E2, ..., but was '" + value + "'");
    }
  }

  @JsonCreator
  public static EvidenceId of(String value) {
    return new EvidenceId(value);
  }

  public static EvidenceId number(int n) {
    return new EvidenceId("E" + n);
  }

  /** Parses model-supplied text, which may be anything; empty when it is not a valid id. */
  public static Optional<EvidenceId> parse(String text) {
    if (text == null || !FORMAT.matcher(text).matches()) {
      return Optional.empty();
    }
    return Optional.of(new EvidenceId(text));
  }

  @Override
  public String toString() {
    return value;
  }
}
