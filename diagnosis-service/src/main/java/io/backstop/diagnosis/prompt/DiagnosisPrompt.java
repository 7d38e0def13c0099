package io.backstop.diagnosis.prompt;

import java.util.Objects;

/** The two messages one diagnosis call sends: the fixed instructions and the incident data. */
public record DiagnosisPrompt(String system, String user) {

  public DiagnosisPrompt {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(user, "user");
  }
}
