package io.backstop.events.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvidenceIdTest {

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource({
    "E1, true",
    "E9, true",
    "E10, true",
    "E999999, true",
    "E1000000, false",
    "E0, false",
    "E01, false",
    "E, false",
    "e1, false",
    "E1a, false",
    "' E1', false",
    "'E1 ', false",
    "E١, false",
    "EE1, false",
  })
  void parsesOnlyAnEAndANumberFromOneWithoutALeadingZero(String text, boolean valid) {
    assertThat(EvidenceId.parse(text).isPresent()).isEqualTo(valid);
    assertThat(EvidenceId.wellFormed(text)).isEqualTo(valid);
  }

  @Test
  void readsEveryTextAsTheFormatDoes() {
    Random random = new Random(14);
    String alphabet = "E01239e x١";
    for (int i = 0; i < 50_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(10);
      for (int c = 0; c < length; c++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      if (random.nextBoolean() && text.length() > 0) {
        text.setCharAt(0, 'E');
      }
      String candidate = text.toString();
      assertThat(EvidenceId.wellFormed(candidate))
          .as("'%s'", candidate)
          .isEqualTo(EvidenceId.FORMAT.matcher(candidate).matches());
    }
  }

  @Test
  void refusesToBuildAnIdThatIsNotWellFormed() {
    assertThatThrownBy(() -> new EvidenceId("E0")).hasMessageContaining("must look like E1");
    assertThat(new EvidenceId("E12").value()).isEqualTo("E12");
  }
}
