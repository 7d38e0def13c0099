package io.backstop.events.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.backstop.events.Require;
import java.util.regex.Pattern;

/** One incident: every event of one incident shares it, and it keys the stage topics. */
public record IncidentId(@JsonValue String value) {

  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  public IncidentId {
    Require.text(value, "incidentId");
    if (!ALLOWED.matcher(value).matches()) {
      throw new Require.InvalidFieldException(
          "incidentId", "must match " + ALLOWED.pattern() + ", but was '" + value + "'");
    }
  }

  @JsonCreator
  public static IncidentId of(String value) {
    return new IncidentId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
